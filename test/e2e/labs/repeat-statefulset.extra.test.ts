// postgres-data-survives stops PostgreSQL and reads its data back; statefulset-ordered-scaling scales up by one and back down.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('statefulset');
