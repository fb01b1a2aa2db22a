import { type KubeObject, provisionedBy } from '../../../src/check-api/index.js';

/** PersistentVolume and PersistentVolumeClaim fields the storage checks read. */
export interface PersistentVolume extends KubeObject {
  spec?: {
    capacity?: { storage?: string };
    accessModes?: string[];
    hostPath?: { path?: string; type?: string };
    local?: { path?: string };
    storageClassName?: string;
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string };
  };
  status?: { phase?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  spec?: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string | null;
    volumeName?: string;
  };
  status?: { phase?: string; capacity?: { storage?: string } };
}

export interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  parameters?: Record<string, string>;
}

export const PV_REF = { apiVersion: 'v1', kind: 'PersistentVolume' } as const;
export const PVC_REF = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' } as const;
export const STORAGE_CLASS_REF = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' } as const;

export { provisionedBy } from '../../../src/check-api/index.js';

/** One line: `PersistentVolume pv-demo: Bound to ns/pvc-demo, 1Gi, RWO, class "", hostPath /data/demo`. */
export function describeVolume(pv: PersistentVolume): string {
  const claim = pv.spec?.claimRef;
  const phase = pv.status?.phase ?? 'Unknown';
  const bound = claim ? ` to ${claim.namespace ?? '?'}/${claim.name ?? '?'}` : '';
  const source = pv.spec?.hostPath?.path
    ? `hostPath ${pv.spec.hostPath.path}`
    : pv.spec?.local?.path
      ? `local ${pv.spec.local.path}`
      : 'other source';
  const by = provisionedBy(pv);
  return (
    `PersistentVolume ${pv.metadata.name ?? '?'}: ${phase}${bound}, ${pv.spec?.capacity?.storage ?? '?'}, ` +
    `${(pv.spec?.accessModes ?? []).join(',') || 'no access modes'}, class ${JSON.stringify(pv.spec?.storageClassName ?? '')}, ` +
    `reclaim ${pv.spec?.persistentVolumeReclaimPolicy ?? '?'}, ${source}${by ? `, provisioned by ${by}` : ''}`
  );
}

export function describeClaim(pvc: PersistentVolumeClaim): string {
  const phase = pvc.status?.phase ?? 'Unknown';
  const volume = pvc.spec?.volumeName ? ` to ${pvc.spec.volumeName}` : '';
  const cls = pvc.spec?.storageClassName;
  return (
    `PersistentVolumeClaim ${pvc.metadata.name ?? '?'}: ${phase}${volume}, requests ` +
    `${pvc.spec?.resources?.requests?.storage ?? '?'}, class ${cls === undefined || cls === null ? '(none: the default class applies)' : JSON.stringify(cls)}`
  );
}

/** The default StorageClass(es), sorted by name, leaving out `exclude` (the student's own class). */
export { defaultClasses } from '../../../src/check-api/index.js';
