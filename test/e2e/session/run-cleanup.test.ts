import { expect } from 'chai';
import { cleanupSelector } from '../../../src/cluster/cleanup/cleanup.js';
import { CleanupRuns } from '../../../src/cluster/cleanup/cleanup-plan.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { ensureLabNamespace } from '../../../src/cluster/namespace.js';
import { scopeFor } from '../../../src/model/scope.js';
import { cleanupRun } from '../../../src/session/run-cleanup.js';
import { testCluster } from '../support/index.js';

describe('cleanup of everything kubelab created', function () {
  this.timeout(180_000);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });

  it('deletes the lab namespaces and cluster-scoped objects and leaves nothing with the label', async function () {
    const labId = `clean${Date.now().toString(36)}`;
    const other = scopeFor(`${labId}x`, 'keep');
    const alice = scopeFor(labId, 'alice');
    const bob = scopeFor(labId, 'bob');
    for (const scope of [alice, bob, other])
      await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    await cluster.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: `alice--${labId}-high`, labels: alice.labels },
      value: 1000,
    });
    await cluster.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'data', namespace: alice.namespace },
    });
    try {
      const { deleted, stuck } = await cleanupRun({
        cluster,
        labId,
        runs: CleanupRuns.all,
        timeoutMs: 120_000,
      });
      expect({ deleted, stuck }).to.deep.equal({
        deleted: [
          `namespace/${alice.namespace}`,
          `namespace/${bob.namespace}`,
          `priorityclass/alice--${labId}-high`,
        ],
        stuck: [],
      });
      const selector = cleanupSelector({ labId });
      expect(
        await cluster.list({ apiVersion: 'v1', kind: 'Namespace', labelSelector: selector }),
      ).to.deep.equal([]);
      expect(
        await cluster.list({
          apiVersion: 'scheduling.k8s.io/v1',
          kind: 'PriorityClass',
          labelSelector: selector,
        }),
      ).to.deep.equal([]);
      expect(
        await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: other.namespace }),
      ).to.not.equal(undefined);
    } finally {
      await cleanupRun({ cluster, labId: `${labId}x`, runs: CleanupRuns.all });
    }
  });

  it('reports an object held by a finalizer as stuck instead of hanging', async function () {
    const labId = `stuck${Date.now().toString(36)}`;
    const name = `${labId}-pv`;
    const ref = { apiVersion: 'v1', kind: 'PersistentVolume', name };
    await cluster.create({
      ...ref,
      metadata: { name, labels: scopeFor(labId).labels, finalizers: ['kubelab.dev/e2e-hold'] },
      spec: {
        capacity: { storage: '1Mi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: `/tmp/${name}` },
      },
    });
    try {
      const summary = await cleanupRun({ cluster, labId, runs: CleanupRuns.all, timeoutMs: 3_000 });
      expect(summary.deleted).to.deep.equal([]);
      expect(summary.stuck.map((s) => s.object)).to.deep.equal([`persistentvolume/${name}`]);
      expect(summary.stuck[0]?.reason).to.include('kubelab.dev/e2e-hold');
    } finally {
      await cluster.patch(ref, { metadata: { finalizers: null } });
    }
  });
});
