import { resetRestartSuite } from './reset-restart-harness.js';

// Serial: this suite is a student on their own cluster (no prefix, so no fence), and its claim of
// no class binds whatever Available volume of no class fits, anyone's: another suite's deliberately
// unclaimed pv-demo (a negative fixture's, the foreign volumes of labs/pv-pvc.test.ts) would be
// taken and both would grade wrong. Graded scopes reserve their fitting volumes (reserve-volumes.ts);
// volumes no claim of theirs fits cannot be reserved, so this suite runs alone.
resetRestartSuite('pv-pvc');
