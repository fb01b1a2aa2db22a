// oom-killed-observed watches a container killed for memory (exit 137): the kubelet's restart back-off grows with each run.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('resources-oom');
