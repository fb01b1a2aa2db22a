// pod-data-survives-recreate deletes demo-pod and recreates it: each run finds the pod and the marker the last one left.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('pv-pvc');
