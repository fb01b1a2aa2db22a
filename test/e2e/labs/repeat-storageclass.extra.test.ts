// pvc-reclaim-deletes-volume deletes the pods and the claim, waits for the volume to go, then puts them back.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('storageclass');
