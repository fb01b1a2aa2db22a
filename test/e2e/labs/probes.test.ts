import { labSuite } from './lab-harness.js';

labSuite('probes', [
  {
    variant: 'liveness-on-ready',
    check: 'web-probes',
    reason: /livenessProbe\.httpGet\.path: expected \/healthz, found \/ready/,
  },
  {
    variant: 'service-selector-typo',
    check: 'web-in-service',
    reason: /selector asks for app=wbe/,
  },
  {
    variant: 'readiness-on-healthz',
    check: 'readiness-removes-pod',
    reason: /stayed in Service web's ready endpoints/,
  },
  {
    variant: 'liveness-on-ready',
    check: 'readiness-removes-pod',
    reason: /was restarted .* although only readiness failed/,
  },
  {
    variant: 'liveness-tcp',
    check: 'liveness-restarts',
    reason: /was not restarted within \d+s of its liveness endpoint failing/,
  },
  {
    variant: 'no-startup-probe',
    check: 'slow-start',
    reason: /restarted \d+ time\(s\) before it finished starting.*add a startupProbe/,
  },
]);
