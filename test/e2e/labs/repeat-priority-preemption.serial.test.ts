// priority-preempts fills the node and has a high-priority copy preempt a filler, six times: alone,
// because a victim still stopping on the node while the scheduler already counts its memory free
// gets another suite's new pod refused by the kubelet (OutOfmemory), as seen beside the others.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('priority-preemption');
