import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import {
  deleteLabNamespace,
  ensureLabNamespace,
  NamespaceStuckError,
} from '../../../src/cluster/namespace.js';
import { scopeFor } from '../../../src/model/scope.js';
import { testCluster } from '../support/index.js';

const HOLD = 'kubelab.dev/e2e-hold';

function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

describe('lab namespaces', function () {
  this.timeout(120_000);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });

  it('creates a labelled namespace with Pod Security labels, idempotently', async function () {
    const scope = scopeFor('nstest', unique('u'));
    try {
      await ensureLabNamespace(cluster, scope, { podSecurity: 'restricted' });
      const again = await ensureLabNamespace(cluster, scope, { podSecurity: 'restricted' });
      expect(again.metadata.labels).to.deep.include({
        'app.kubernetes.io/managed-by': 'kubelab',
        'kubelab.dev/lab': 'nstest',
        'kubelab.dev/user': scope.user,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      });
      const accounts = await cluster.list({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace: scope.namespace,
      });
      expect(accounts.map((a) => a.metadata.name)).to.include('default');
    } finally {
      await deleteLabNamespace(cluster, scope.namespace);
    }
    expect(
      await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: scope.namespace }),
    ).to.equal(undefined);
  });

  it('waits out a namespace still Terminating from an earlier run, then creates it afresh', async function () {
    const scope = scopeFor('nstest', unique('t'));
    const first = await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    const held = { apiVersion: 'v1', kind: 'ConfigMap', namespace: scope.namespace, name: 'held' };
    await cluster.create({
      ...held,
      metadata: { name: 'held', namespace: scope.namespace, finalizers: [HOLD] },
    });
    await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: scope.namespace });
    const again = ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    await cluster.patch(held, { metadata: { finalizers: null } });
    const fresh = await again;
    try {
      expect(fresh.metadata.uid).to.not.equal(first.metadata.uid);
      expect(fresh.metadata.deletionTimestamp).to.equal(undefined);
    } finally {
      await deleteLabNamespace(cluster, scope.namespace);
    }
  });

  it('says a missing namespace did not exist instead of failing', async function () {
    expect(await deleteLabNamespace(cluster, unique('kubelab-absent-'))).to.deep.equal({
      existed: false,
    });
  });

  it('reports a namespace stuck in Terminating with the finalizer that holds it', async function () {
    const scope = scopeFor('nstest', unique('s'));
    await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    const held = { apiVersion: 'v1', kind: 'ConfigMap', namespace: scope.namespace, name: 'held' };
    await cluster.create({
      ...held,
      metadata: { name: 'held', namespace: scope.namespace, finalizers: [HOLD] },
    });
    try {
      const started = Date.now();
      const error = await deleteLabNamespace(cluster, scope.namespace, { timeoutMs: 15_000 }).catch(
        (e: unknown) => e,
      );
      expect(Date.now() - started).to.be.below(20_000);
      expect(error).to.be.instanceOf(NamespaceStuckError);
      expect((error as Error).message).to.match(
        new RegExp(
          `^namespace ${scope.namespace} is stuck in Terminating \\(finalizers left: kubernetes; .*NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining: ${HOLD}`,
        ),
      );
    } finally {
      await cluster.patch(held, { metadata: { finalizers: null } });
      await cluster.waitForDeletion(
        { apiVersion: 'v1', kind: 'Namespace', name: scope.namespace },
        { timeoutMs: 60_000 },
      );
    }
  });
});
