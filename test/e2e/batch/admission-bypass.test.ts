import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Impersonator } from '../../../src/batch/isolation/impersonate.js';
import { isolationObjects, studentIdentity } from '../../../src/batch/isolation/isolation.js';
import { CleanupRuns } from '../../../src/cluster/cleanup/cleanup-plan.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { ApplyResult, Cluster, KubeObject } from '../../../src/cluster/cluster.js';
import { ensureLabNamespace } from '../../../src/cluster/namespace.js';
import { scopeFor, type Scope } from '../../../src/model/scope.js';
import { CLUSTER_SCOPED_POLICY, NAMESPACED_POLICY } from '../../../src/runner/admission-policy.js';
import { installAdmissionPolicy } from '../../../src/runner/install-admission.js';
import { cleanupRun } from '../../../src/session/run-cleanup.js';
import { TEST_CONTEXT, testCluster } from '../support/index.js';

const IMAGE = 'docker.io/library/busybox:1.35';

/**
 * The cluster's own half of submission isolation, with kubelab's client-side refusal out of the
 * way: hostile objects are sent straight to the API server (server-side dry run, so nothing is
 * left), namespaced ones as the submission's impersonated ServiceAccount in its namespace,
 * cluster-scoped ones as the grader with the submission's labels. Each refusal has its control: the
 * same object made honest is admitted.
 */
describe('the admission policy refuses what a submission may not do, even sent directly (issue 16)', function () {
  let cluster: ClusterClient;
  let student: Cluster;
  let scope: Scope;
  before(async function () {
    this.timeout(120_000);
    cluster = await testCluster(this);
    scope = scopeFor('crash-recovery', `hx-direct-${randomBytes(3).toString('hex')}`);
    await installAdmissionPolicy(cluster);
    await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    const fences = await cluster.apply(isolationObjects(scope), 'isolation', {
      namespace: scope.namespace,
    });
    expect(fences.filter((r) => !r.ok)).to.deep.equal([]);
    student = new Impersonator({ context: TEST_CONTEXT }).as(studentIdentity(scope.namespace));
  });
  after(async function () {
    this.timeout(150_000);
    if (scope !== undefined && cluster !== undefined)
      await cleanupRun({ cluster, labId: scope.labId, user: scope.user, runs: CleanupRuns.all });
  });

  const send = async (as: Cluster, object: KubeObject): Promise<ApplyResult> => {
    const [result] = await as.apply([object], 'direct', {
      namespace: scope.namespace,
      dryRun: true,
    });
    if (result === undefined) throw new Error('no result');
    return result;
  };
  const refusedBy = (result: ApplyResult, policy: string, message: RegExp): void => {
    expect(result.ok, JSON.stringify(result)).to.equal(false);
    const error = result.ok ? '' : result.error;
    expect(error).to.include(`ValidatingAdmissionPolicy '${policy}'`);
    expect(error).to.match(message);
  };
  const admitted = (result: ApplyResult): void => {
    expect(result.ok, JSON.stringify(result)).to.equal(true);
  };
  const pod = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [{ name: 'c', image: IMAGE, command: ['sleep', '60'] }],
      ...spec,
    },
  });
  const service = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { selector: { app: 'x' }, ports: [{ port: 8080 }], ...spec },
  });
  const labelled = (
    object: { apiVersion: string; kind: string; [key: string]: unknown },
    name: string,
  ): KubeObject => ({
    ...object,
    metadata: { name: `${scope.user ?? ''}--${name}`, labels: { ...scope.labels } },
  });

  it('refuses, as the student, a pod on system-node-critical and admits one on no class', async function () {
    refusedBy(
      await send(student, pod({ priorityClassName: 'system-node-critical' })),
      NAMESPACED_POLICY,
      /system-\* PriorityClass/,
    );
    admitted(await send(student, pod({})));
  });

  it('refuses, as the student, externalIPs and NodePort/LoadBalancer Services and admits ClusterIP', async function () {
    refusedBy(
      await send(student, service({ externalIPs: ['192.0.2.53'] })),
      NAMESPACED_POLICY,
      /externalIPs/,
    );
    for (const type of ['NodePort', 'LoadBalancer'])
      refusedBy(
        await send(student, service({ type })),
        NAMESPACED_POLICY,
        /open ports on the node/,
      );
    admitted(await send(student, service({ type: 'ClusterIP' })));
  });

  it('refuses a submission PriorityClass above the ceiling or globalDefault, and admits value 1000', async function () {
    const pc = (body: Record<string, unknown>): KubeObject =>
      labelled({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', ...body }, 'high');
    refusedBy(
      await send(cluster, pc({ value: 1_000_000_000 })),
      CLUSTER_SCOPED_POLICY,
      /value above 1000000/,
    );
    refusedBy(
      await send(cluster, pc({ value: 1000, globalDefault: true })),
      CLUSTER_SCOPED_POLICY,
      /globalDefault/,
    );
    admitted(await send(cluster, pc({ value: 1000, globalDefault: false })));
  });

  it('refuses a submission StorageClass marked default or with path parameters, and admits a plain one', async function () {
    const sc = (
      extra: Record<string, unknown>,
      annotations?: Record<string, string>,
    ): KubeObject => {
      const object = labelled(
        {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          provisioner: 'rancher.io/local-path',
          reclaimPolicy: 'Delete',
          volumeBindingMode: 'WaitForFirstConsumer',
          ...extra,
        },
        'local-dynamic',
      );
      if (annotations !== undefined) object.metadata.annotations = annotations;
      return object;
    };
    refusedBy(
      await send(cluster, sc({ parameters: { pathPattern: '../../../../etc/{{ .PVC.Name }}' } })),
      CLUSTER_SCOPED_POLICY,
      /provisioner parameters/,
    );
    refusedBy(
      await send(cluster, sc({}, { 'storageclass.kubernetes.io/is-default-class': 'true' })),
      CLUSTER_SCOPED_POLICY,
      /default-class annotation/,
    );
    admitted(await send(cluster, sc({})));
  });

  it('refuses a confined PV outside its own directory (escaping or nested) and admits it there', async function () {
    const base = `/var/lib/kubelab/volumes/${scope.user ?? ''}/${scope.labId}`;
    const pv = (path: string): KubeObject => {
      const object = labelled(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          spec: {
            capacity: { storage: '1Gi' },
            accessModes: ['ReadWriteOnce'],
            storageClassName: '',
            hostPath: { path, type: 'DirectoryOrCreate' },
          },
        },
        'pv-a',
      );
      object.metadata.labels = { ...object.metadata.labels, 'kubelab.dev/confined': 'true' };
      return object;
    };
    for (const path of [
      '/',
      '/etc',
      `${base}/pv-a/l/etc`,
      `/var/lib/kubelab/volumes/someone-else/${scope.labId}/pv-a`,
      base,
      `${base}/`,
    ])
      refusedBy(await send(cluster, pv(path)), CLUSTER_SCOPED_POLICY, /its own directory/);
    admitted(await send(cluster, pv(`${base}/pv-a`)));
  });
});
