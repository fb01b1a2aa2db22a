import { labSuite } from './lab-harness.js';

labSuite('priority-preemption', [
  {
    variant: 'class-value-100',
    check: 'class-and-priority',
    reason: /high-priority\.value: expected 1000, found 100/,
  },
  {
    variant: 'preemption-never',
    check: 'preempts-when-full',
    reason: /stays Pending and preempts no one/,
  },
  { variant: 'no-memory-request', check: 'preempts-when-full', reason: /requests no memory/ },
]);
