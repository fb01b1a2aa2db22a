import { fixtureSuite, type FixtureControl } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
  { fixture: 'newline-password', check: 'secret-valid', reason: /ends with a newline .*echo -n/ },
  {
    fixture: 'literal-password',
    check: 'no-literal-password',
    reason: /MARIADB_ROOT_PASSWORD holds the Secret's password in clear/,
  },
  {
    fixture: 'literal-password-in-probe',
    check: 'no-literal-password',
    reason:
      /spec\.template\.spec\.containers\[0\]\.livenessProbe\.exec\.command\[3\]: contains the Secret's password in clear/,
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
];

fixtureSuite('secrets-config', CONTROLS);
