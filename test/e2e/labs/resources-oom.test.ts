import { labSuite } from './lab-harness.js';

labSuite('resources-oom', [
  {
    variant: 'answers-wrong-exit-code',
    check: 'oom-observed',
    reason: /oomDemo\.exitCode is 1, the cluster shows 137/,
  },
  {
    variant: 'oom-fixed-too-small',
    check: 'oom-fixed',
    reason: /was OOMKilled .*memory limit is still too small/,
  },
  {
    variant: 'web-limit-too-high',
    check: 'web-resources',
    reason: /limits\.cpu: expected 250m, found 500m/,
  },
  {
    variant: 'payments-requests-below-limits',
    check: 'payments-resources',
    reason: /requests\.memory: expected 64Mi, found 32Mi/,
  },
  {
    variant: 'web-requests-equal-limits',
    check: 'web-qos',
    reason: /is Guaranteed, expected Burstable/,
  },
  {
    variant: 'payments-requests-below-limits',
    check: 'payments-qos',
    reason: /is Burstable, expected Guaranteed/,
  },
]);
