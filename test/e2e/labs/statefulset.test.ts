import { fixtureSuite, type FixtureControl } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
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
];

fixtureSuite('statefulset', CONTROLS, { timeoutMs: 400_000 });
