import type { KubeObject } from '../cluster/cluster.js';
import { KUBELAB_VOLUMES_ROOT } from '../cluster/node-access/paths.js';
import type { Scope } from '../model/scope.js';

/** Where batch grading puts each student's hostPath volumes on the node (see checks/lib/node-path.ts). */
export const BATCH_HOSTPATH_ROOT = KUBELAB_VOLUMES_ROOT;

/** The node directory holding one (student, lab)'s confined volumes; deleted after grading. */
export function volumeDirFor(scope: Scope, root: string = BATCH_HOSTPATH_ROOT): string {
  return `${root.replace(/\/+$/, '')}/${scope.user ?? 'self'}/${scope.labId}`;
}

/** Volume sources a student PersistentVolume may use in batch grading: node directories only. */
const NODE_PATH_SOURCES = ['hostPath', 'local'] as const;

export type HostPathVerdict =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Moves, in place on a copy, a PersistentVolume's node directory under `<root>/<user>/<lab>/`, so
 * a PV written with `hostPath: /` or `/etc` gets a private empty directory instead of the node's
 * files, and two students never share one. `/data/demo` becomes
 * `/var/lib/kubelab/volumes/alice/pv-pvc/data/demo`. PVs backed by anything other than a node
 * directory (nfs, csi…) are refused: the grader cannot bound what they reach.
 */
export function confinePersistentVolume(
  pv: KubeObject,
  scope: Scope,
  root: string,
): HostPathVerdict {
  const spec = pv['spec'];
  if (typeof spec !== 'object' || spec === null) return { ok: true };
  const record = spec as Record<string, unknown>;
  const sources = Object.keys(record).filter((key) => isVolumeSource(key));
  const foreign = sources;
  if (foreign.length > 0) {
    return {
      ok: false,
      reason: `PersistentVolume ${pv.metadata.name ?? ''} uses ${foreign.join(', ')}; in batch grading only hostPath or local volumes are accepted`,
    };
  }
  for (const key of NODE_PATH_SOURCES) {
    const source = record[key];
    if (typeof source !== 'object' || source === null) continue;
    const path = (source as { path?: unknown }).path;
    if (typeof path !== 'string') continue;
    if (path.split('/').includes('..')) {
      return {
        ok: false,
        reason: `PersistentVolume ${pv.metadata.name ?? ''}: ${key}.path ${JSON.stringify(path)} contains ".."`,
      };
    }
    const rest = path
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .join('/');
    const base = volumeDirFor(scope, root);
    (source as { path: string }).path = rest === '' ? base : `${base}/${rest}`;
  }
  return { ok: true };
}

/** PersistentVolumeSpec volume sources other than node directories (unknown keys are left to the API server's strict validation). */
function isVolumeSource(key: string): boolean {
  return FOREIGN_SOURCES.has(key);
}

const FOREIGN_SOURCES = new Set([
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'glusterfs',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
]);
