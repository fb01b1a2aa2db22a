// Its checks kill a container's main process: the kubelet's restart back-off grows with each run.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('crash-recovery');
