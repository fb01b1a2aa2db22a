// Its check takes the static manifest away and back: the same file gives the same pod UID, and the kubelet keeps its back-off per UID.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('static-pods');
