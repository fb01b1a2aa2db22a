import type { KubeObject } from '../cluster/cluster.js';
import { KUBELAB_VOLUMES_ROOT } from '../cluster/node-access/paths.js';
import type { Scope } from '../model/scope.js';

/** Where batch grading puts each student's hostPath volumes on the node (see checks/lib/node/node-path.ts). */
export const BATCH_HOSTPATH_ROOT = KUBELAB_VOLUMES_ROOT;

/** The node directory holding one (student, lab)'s confined volumes; deleted after grading. */
export function volumeDirFor(scope: Scope, root: string = BATCH_HOSTPATH_ROOT): string {
  return `${root.replace(/\/+$/, '')}/${scope.user ?? 'self'}/${scope.labId}`;
}

/**
 * Put on a PersistentVolume whose node directory the grader confined: the cluster's admission
 * policy (admission-policy.ts) then refuses it unless its path is its own directory under
 * `<root>/<user>/<lab>/`. PVs of other scopes (a test's, verify's) keep the paths they were written with.
 */
export const CONFINED_LABEL = 'kubelab.dev/confined';

/** Volume sources a student PersistentVolume may use in batch grading: node directories only. */
const NODE_PATH_SOURCES = ['hostPath', 'local'] as const;

export type HostPathVerdict =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A PersistentVolume name as the API server accepts it (DNS-1123 subdomain): never `.`, `..` or a `/`. */
const PV_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** hostPath types that name a directory; the confined directory is created by the kubelet. */
const DIRECTORY_TYPES = new Set(['', 'Directory', 'DirectoryOrCreate']);

/**
 * The node directory of one PersistentVolume: `<root>/<user>/<lab>/<name as the student wrote it>`.
 * One directory per PV, its path chosen by the grader alone: two PVs never nest, and no component of
 * the path is inside another volume, so a link planted by a pod can never be on it.
 */
function volumeDirOf(options: { scope: Scope; root: string; name: string }): string {
  return `${volumeDirFor(options.scope, options.root)}/${options.name}`;
}

/**
 * Moves, in place on a copy, a PersistentVolume's node directory to its own directory
 * `<root>/<user>/<lab>/<pv-name>` (volumeDirOf), whatever path the student wrote: `hostPath: /`,
 * `/etc` or `/data/demo` all become e.g. `/var/lib/kubelab/volumes/alice/pv-pvc/pv-demo`, a private
 * empty directory, and two students never share one. hostPath volumes get `type: DirectoryOrCreate`
 * (the kubelet creates the directory; nothing else writes in `<root>/<user>/<lab>`). PVs backed by
 * anything other than a node directory (nfs, csi…) are refused: the grader cannot bound what they
 * reach; so are hostPath types that are not directories (File, Socket, devices).
 */
export function confinePersistentVolume(
  pv: KubeObject,
  scope: Scope,
  root: string,
): HostPathVerdict {
  const spec = pv['spec'];
  if (typeof spec !== 'object' || spec === null) return { ok: true };
  const record = spec as Record<string, unknown>;
  const written = pv.metadata.name ?? '';
  const foreign = Object.keys(record).filter((key) => isVolumeSource(key));
  if (foreign.length > 0) {
    return {
      ok: false,
      reason: `PersistentVolume ${written}: uses ${foreign.join(', ')}; in batch grading only hostPath or local volumes are accepted`,
    };
  }
  const name = written.startsWith(scope.clusterPrefix)
    ? written.slice(scope.clusterPrefix.length)
    : written;
  if (!PV_NAME.test(name)) {
    return {
      ok: false,
      reason: `PersistentVolume ${JSON.stringify(written)}: expected a lowercase DNS name (letters, digits, "-", ".") as the name of its node directory; rename it`,
    };
  }
  for (const key of NODE_PATH_SOURCES) {
    const source = record[key];
    if (typeof source !== 'object' || source === null) continue;
    const fields = source as { path?: unknown; type?: unknown };
    if (typeof fields.path !== 'string') continue;
    if (fields.path.split('/').includes('..')) {
      return {
        ok: false,
        reason: `PersistentVolume ${written}: ${key}.path ${JSON.stringify(fields.path)} contains ".."; write the plain path of a directory`,
      };
    }
    if (key === 'hostPath') {
      const type = fields.type ?? '';
      if (typeof type !== 'string' || !DIRECTORY_TYPES.has(type)) {
        return {
          ok: false,
          reason: `PersistentVolume ${written}: hostPath.type ${JSON.stringify(type)} is not a directory; in batch grading a hostPath volume is a directory (type Directory or DirectoryOrCreate)`,
        };
      }
      fields.type = 'DirectoryOrCreate';
    }
    fields.path = volumeDirOf({ scope, root, name });
  }
  pv.metadata.labels = { ...(pv.metadata.labels ?? {}), [CONFINED_LABEL]: 'true' };
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
