import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { testCluster } from '../support/index.js';
import {
  loadForTest,
  nodeForTest,
  resultOf,
  runFixture,
  type LabUnderTest,
} from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS = [
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
] as const;

describe('lab pv-pvc on the real cluster', function () {
  let cluster: ClusterClient;
  let lab: LabUnderTest;
  let node: NodeAccess;

  before(async function () {
    cluster = await testCluster(this);
    lab = await loadForTest('pv-pvc');
    node = await nodeForTest(cluster);
  });

  for (const control of CONTROLS) {
    it(`fails ${control.check} with the ${control.fixture} fixture and says why`, async function () {
      this.timeout(300_000);
      const results = await runFixture(cluster, lab, {
        fixture: control.fixture,
        ids: [control.check],
        node,
        timeoutMs: 280_000,
      });
      const result = resultOf(results, control.check);
      expect(result.status, result.message).to.equal('failed');
      expect(result.message).to.match(control.reason);
    });
  }
});
