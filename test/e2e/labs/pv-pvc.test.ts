import { fixtureSuite, type FixtureControl } from './storage-lab-support.js';

/** Each negative control: the fixture, the check it must fail, and the words of the reason. */
const CONTROLS: readonly FixtureControl[] = [
  {
    fixture: 'pv-readwritemany',
    check: 'pv-spec',
    reason: /spec\.accessModes: expected \[ReadWriteOnce\], found \[ReadWriteMany\]/,
  },
  {
    fixture: 'default-class',
    check: 'pvc-bound-to-pv',
    reason:
      /not to PersistentVolume .*pv-demo.*created on the fly by rancher\.io\/local-path.*storageClassName: ""/,
  },
  {
    fixture: 'wrong-mount-path',
    check: 'pod-mounts-claim',
    reason: /mounts pvc-demo at demo:\/data, not at \/mnt\/data/,
  },
  {
    fixture: 'default-class',
    check: 'marker-on-node',
    reason: /is not in \/data\/demo on node .*the pod's \/mnt\/data is not that volume/,
  },
  {
    fixture: 'wipes-data-on-start',
    check: 'data-survives-pod',
    reason: /is gone after pod demo-pod was deleted and created again/,
  },
];

fixtureSuite('pv-pvc', CONTROLS, { nodeAccess: true });
