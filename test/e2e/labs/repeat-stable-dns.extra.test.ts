// dns-follows-recreated-pod deletes a pod and waits for its DNS record to follow the new one.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('stable-dns');
