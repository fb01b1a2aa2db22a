import { labSuite } from './lab-harness.js';

labSuite('daemonset-monitoring', [
  {
    variant: 'node-selector-nowhere',
    check: 'covers-every-node',
    reason: /wants 0 pod\(s\) for 1 node\(s\)/,
  },
  {
    variant: 'stray-deployment',
    check: 'one-per-node',
    reason: /not exactly one DaemonSet pod per node.*not from the DaemonSet: glances-test/,
  },
  {
    variant: 'no-toleration',
    check: 'tolerates-control-plane',
    reason: /does not tolerate node-role\.kubernetes\.io\/control-plane:NoSchedule/,
  },
  { variant: 'other-port', check: 'agent-answers', reason: /do not answer on port 61208/ },
]);
