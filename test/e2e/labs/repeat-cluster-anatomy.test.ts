// anatomy-static-deletion installs a static manifest, waits for its mirror pod, removes the file and waits for the pod to go.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('cluster-anatomy');
