import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { testCluster } from '../support/index.js';
import { loadForTest, resultOf, runFixture, type LabUnderTest } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS = [
  {
    fixture: 'servicename-mismatch',
    check: 'headless-service',
    reason: /spec\.serviceName: expected nginx, found web/,
  },
  {
    fixture: 'servicename-mismatch',
    check: 'pod-name-resolves',
    reason: /web-0\.nginx → .*expected web-0's IP/,
  },
  {
    fixture: 'clusterip-only',
    check: 'headless-lists-pods',
    reason: /Service nginx has clusterIP .*: it is not headless/,
  },
  {
    fixture: 'not-serving',
    check: 'pod-answers-http',
    reason: /http:\/\/web-1\.nginx:80\/ did not answer/,
  },
  {
    fixture: 'servicename-mismatch',
    check: 'name-follows-pod',
    reason: /web-0\.nginx resolves to .*not to the new web-0's IP/,
  },
] as const;

describe('lab stable-dns on the real cluster', function () {
  let cluster: ClusterClient;
  let lab: LabUnderTest;

  before(async function () {
    cluster = await testCluster(this);
    lab = await loadForTest('stable-dns');
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
