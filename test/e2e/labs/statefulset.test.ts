import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { testCluster } from '../support/index.js';
import { loadForTest, resultOf, runFixture, type LabUnderTest } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS = [
  {
    fixture: 'clusterip-service',
    check: 'headless-service',
    reason: /spec\.clusterIP: expected None \(headless\)/,
  },
  {
    fixture: 'literal-password',
    check: 'statefulset-spec',
    reason: /env\[0\]\.value: expected absent/,
  },
  {
    fixture: 'parallel',
    check: 'pods-in-order',
    reason: /not created one after the other \(podManagementPolicy Parallel\)/,
  },
  {
    fixture: 'no-claim-templates',
    check: 'claims-bound',
    reason: /has no volumeClaimTemplate named data/,
  },
  {
    fixture: 'pgdata-off-volume',
    check: 'data-survives',
    reason: /the row written in postgres-0 is gone after the pod was recreated/,
  },
  {
    fixture: 'claims-deleted-on-scale',
    check: 'ordered-scaling',
    reason: /deleted \(or marked for deletion\) the claims data-postgres-2.*whenScaled is Delete/,
  },
] as const;

describe('lab statefulset on the real cluster', function () {
  let cluster: ClusterClient;
  let lab: LabUnderTest;

  before(async function () {
    cluster = await testCluster(this);
    lab = await loadForTest('statefulset');
  });

  for (const control of CONTROLS) {
    it(`fails ${control.check} with the ${control.fixture} fixture and says why`, async function () {
      this.timeout(420_000);
      const results = await runFixture(cluster, lab, {
        fixture: control.fixture,
        ids: [control.check],
        timeoutMs: 400_000,
      });
      const result = resultOf(results, control.check);
      expect(result.status, result.message).to.equal('failed');
      expect(result.message).to.match(control.reason);
    });
  }
});
