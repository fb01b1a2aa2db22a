import { fixtureSuite, type FixtureControl } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
  {
    fixture: 'reclaim-retain',
    check: 'class-spec',
    reason: /reclaimPolicy: expected Delete, found Retain/,
  },
  {
    fixture: 'no-consumer',
    check: 'pvc-bound',
    reason: /pvc-dyn is not Bound: PersistentVolumeClaim pvc-dyn: Pending/,
  },
  {
    fixture: 'hand-written-pv',
    check: 'provisioned-by-class',
    reason: /was not provisioned by StorageClass .*provisioned-by annotation is missing/,
  },
  {
    fixture: 'read-only-mount',
    check: 'pod-writes',
    reason: /cannot write to \/data .*mounted readOnly/,
  },
  {
    fixture: 'reclaim-retain',
    check: 'reclaim-deletes',
    reason: /is still there \(Released, reclaimPolicy Retain\).*set reclaimPolicy: Delete/,
  },
];

fixtureSuite('storageclass', CONTROLS);
