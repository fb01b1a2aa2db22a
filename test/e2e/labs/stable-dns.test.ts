import { fixtureSuite, type FixtureControl } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
  {
    fixture: 'servicename-mismatch',
    check: 'headless-service',
    reason: /spec\.serviceName: expected nginx, found web/,
  },
  {
    fixture: 'servicename-mismatch',
    check: 'pod-name-resolves',
    reason: /web-0\.nginx → .*expected web-0's IP/,
  },
  {
    fixture: 'clusterip-only',
    check: 'headless-lists-pods',
    reason: /Service nginx has clusterIP .*: it is not headless/,
  },
  {
    fixture: 'not-serving',
    check: 'pod-answers-http',
    reason: /http:\/\/web-1\.nginx:80\/ did not answer/,
  },
  {
    fixture: 'servicename-mismatch',
    check: 'name-follows-pod',
    reason: /web-0\.nginx resolves to .*not to the new web-0's IP/,
  },
];

fixtureSuite('stable-dns', CONTROLS);
