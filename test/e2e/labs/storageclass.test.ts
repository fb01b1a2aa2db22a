import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { testCluster } from '../support/index.js';
import { loadForTest, resultOf, runFixture, type LabUnderTest } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS = [
  {
    fixture: 'reclaim-retain',
    check: 'class-spec',
    reason: /reclaimPolicy: expected Delete, found Retain/,
  },
  {
    fixture: 'no-consumer',
    check: 'pvc-bound',
    reason: /pvc-dyn is not Bound: PersistentVolumeClaim pvc-dyn: Pending/,
  },
  {
    fixture: 'hand-written-pv',
    check: 'provisioned-by-class',
    reason: /was not provisioned by StorageClass .*provisioned-by annotation is missing/,
  },
  {
    fixture: 'read-only-mount',
    check: 'pod-writes',
    reason: /cannot write to \/data .*mounted readOnly/,
  },
  {
    fixture: 'reclaim-retain',
    check: 'reclaim-deletes',
    reason: /is still there \(Released, reclaimPolicy Retain\).*set reclaimPolicy: Delete/,
  },
] as const;

describe('lab storageclass on the real cluster', function () {
  let cluster: ClusterClient;
  let lab: LabUnderTest;

  before(async function () {
    cluster = await testCluster(this);
    lab = await loadForTest('storageclass');
  });

  for (const control of CONTROLS) {
    it(`fails ${control.check} with the ${control.fixture} fixture and says why`, async function () {
      this.timeout(300_000);
      const results = await runFixture(cluster, lab, {
        fixture: control.fixture,
        ids: [control.check],
        timeoutMs: 280_000,
      });
      const result = resultOf(results, control.check);
      expect(result.status, result.message).to.equal('failed');
      expect(result.message).to.match(control.reason);
    });
  }
});
