import { resetRestartSuite } from './reset-restart-harness.js';

resetRestartSuite('storageclass');
