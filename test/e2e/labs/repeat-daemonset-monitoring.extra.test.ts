// Its checks read the DaemonSet and ask each of its pods over HTTP: nothing should carry over between runs.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('daemonset-monitoring');
