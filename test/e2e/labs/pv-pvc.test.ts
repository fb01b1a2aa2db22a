import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { testCluster } from '../support/index.js';
import {
  fixtureSuite,
  loadForTest,
  resultOf,
  runFixture,
  type FixtureControl,
} from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
  {
    fixture: 'pv-readwritemany',
    check: 'pv-spec',
    reason: /spec\.accessModes: expected \[ReadWriteOnce\], found \[ReadWriteMany\]/,
  },
  {
    fixture: 'default-class',
    check: 'pvc-bound-to-pv',
    reason:
      /not to PersistentVolume .*pv-demo.*created on the fly by rancher\.io\/local-path.*storageClassName: ""/,
  },
  {
    fixture: 'claim-ref-elsewhere',
    check: 'pvc-bound-to-pv',
    reason:
      /cannot bind to PersistentVolume .*pv-demo: its spec\.claimRef reserves it for .*\/pvc-other, another claim\. Name pvc-demo in claimRef/,
  },
  {
    fixture: 'wrong-mount-path',
    check: 'pod-mounts-claim',
    reason: /mounts pvc-demo at demo:\/data, not at \/mnt\/data/,
  },
  {
    fixture: 'default-class',
    check: 'marker-on-node',
    reason: /is not in \/data\/demo on node .*the pod's \/mnt\/data is not that volume/,
  },
  {
    fixture: 'wipes-data-on-start',
    check: 'data-survives-pod',
    reason: /is gone after pod demo-pod was deleted and created again/,
  },
];

fixtureSuite('pv-pvc', CONTROLS, { nodeAccess: true });

/**
 * A claim of no class binds any Available volume of no class that fits: in CI one run's pvc-demo
 * was Bound to another run's pv-demo. Three such volumes of another tenant, each as good a match as
 * the student's own, wait next to the submission: the claim must still bind the student's pv-demo
 * (kubelab fences a scoped claim of no class to its scope's volumes) and leave them Available.
 */
describe('lab pv-pvc next to other tenants’ volumes of no class', function () {
  this.timeout(300_000);
  let cluster: ClusterClient;

  before(async function () {
    cluster = await testCluster(this);
  });

  it('binds pvc-demo to the student’s own pv-demo and leaves the others Available', async function () {
    const lab = await loadForTest('pv-pvc');
    const run = randomBytes(3).toString('hex');
    const foreign = [1, 2, 3].map((i) => `e2e-foreign-${run}-${i}`);
    try {
      for (const name of foreign)
        await cluster.create({
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'kubelab-e2e' } },
          spec: {
            capacity: { storage: '1Gi' },
            accessModes: ['ReadWriteOnce'],
            storageClassName: '',
            persistentVolumeReclaimPolicy: 'Retain',
            hostPath: { path: `/tmp/kubelab-e2e-foreign/${name}`, type: 'DirectoryOrCreate' },
          },
        });
      const results = await runFixture(cluster, lab, {
        fixture: 'solution',
        dir: lab.loaded.solutionDir,
        ids: ['pvc-bound-to-pv'],
        timeoutMs: 240_000,
      });
      const result = resultOf(results, 'pvc-bound-to-pv');
      expect(result.status, result.message).to.equal('passed');
      const volumes = await cluster.list<KubeObject & { status?: { phase?: string } }>({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
      });
      const phases = foreign.map(
        (name) => volumes.find((v) => v.metadata.name === name)?.status?.phase,
      );
      expect(phases, 'the other tenants’ volumes').to.deep.equal([
        'Available',
        'Available',
        'Available',
      ]);
    } finally {
      for (const name of foreign)
        await cluster
          .delete({ apiVersion: 'v1', kind: 'PersistentVolume', name })
          .catch(() => undefined);
    }
  });
});
