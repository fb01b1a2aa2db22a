// Its checks break /ready and /healthz: the liveness restart leaves the kubelet's back-off behind.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('probes');
