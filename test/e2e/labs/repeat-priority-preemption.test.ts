// priority-preempts starts filler pods and a high-priority copy that preempts one: each run starts from what the last left.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('priority-preemption');
