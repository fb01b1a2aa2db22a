import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { testCluster } from '../support/index.js';
import { loadForTest, resultOf, runFixture, type LabUnderTest } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS = [
  { fixture: 'newline-password', check: 'secret-valid', reason: /ends with a newline .*echo -n/ },
  {
    fixture: 'literal-password',
    check: 'no-literal-password',
    reason: /MARIADB_ROOT_PASSWORD holds the Secret's password in clear/,
  },
  {
    fixture: 'other-secret',
    check: 'password-accepted',
    reason: /MariaDB refused the password stored in Secret mariadb-secret\/root-password/,
  },
  {
    fixture: 'config-not-mounted',
    check: 'config-in-effect',
    reason: /runs with max_connections = 151, not 42 from ConfigMap mariadb-config/,
  },
] as const;

describe('lab secrets-config on the real cluster', function () {
  let cluster: ClusterClient;
  let lab: LabUnderTest;

  before(async function () {
    cluster = await testCluster(this);
    lab = await loadForTest('secrets-config');
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
