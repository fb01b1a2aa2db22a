import type { Cluster, KubeObject } from '../cluster.js';
import { ApiError, WaitTimeoutError } from '../errors.js';

/**
 * Set on a volume a provisioner made, its value naming the provisioner: by the PV controller and the
 * external-provisioner library (local-path, minikube-hostpath, CSI).
 */
const PROVISIONED_BY_ANNOTATIONS = [
  'pv.kubernetes.io/provisioned-by',
  'volume.kubernetes.io/provisioned-by',
] as const;

/** The provisioner that made the volume, or undefined for one written by hand. */
export function provisionedBy(pv: KubeObject): string | undefined {
  const annotations = pv.metadata.annotations ?? {};
  for (const key of PROVISIONED_BY_ANNOTATIONS) {
    const value = annotations[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

interface Volume extends KubeObject {
  spec?: {
    claimRef?: { namespace?: string; name?: string };
    persistentVolumeReclaimPolicy?: string;
    hostPath?: { path?: string };
    local?: { path?: string };
  };
}

/** Provisioned volumes that were not removed in time: the PV and where its data lives on the node. */
export class ProvisionedVolumesLeftError extends Error {
  override readonly name = 'ProvisionedVolumesLeftError';
}

/**
 * Switches a provisioned volume to reclaimPolicy Delete, so its provisioner removes the node
 * directory it made and then the PV. Deleting the PV object instead would leave that directory
 * behind (local-path-provisioner only tears down through its own Delete). False when the PV is gone.
 */
export async function handBackToProvisioner(
  cluster: Cluster,
  name: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const ref = { apiVersion: 'v1', kind: 'PersistentVolume', name };
  return cluster.patch(ref, { spec: { persistentVolumeReclaimPolicy: 'Delete' } }, signal).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    },
  );
}

/**
 * Removes the volumes a provisioner made for the claims of `namespace` (unlabelled, so findLabelled
 * does not see them), and their data: a volume whose class said Retain is switched to Delete, so
 * its provisioner removes the node directory it made (it alone knows its own paths) and then the
 * PV. Waits (bounded, on a watch) for each to go. Only volumes a provisioner made (provisionedBy) whose claim
 * was in `namespace` are touched: a PV someone else wrote by hand that a claim of ours happened to
 * bind is never deleted. Run after the namespace (and so its claims) is gone.
 */
export async function removeProvisionedVolumes(
  cluster: Cluster,
  options: { namespace: string; timeoutMs: number; signal?: AbortSignal },
): Promise<string[]> {
  const all = await cluster.list<Volume>(
    { apiVersion: 'v1', kind: 'PersistentVolume' },
    options.signal,
  );
  const ours = all
    .filter(
      (pv) => provisionedBy(pv) !== undefined && pv.spec?.claimRef?.namespace === options.namespace,
    )
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const deadline = Date.now() + options.timeoutMs;
  const left: string[] = [];
  await Promise.all(
    ours.map(async (pv) => {
      const ref = { apiVersion: 'v1', kind: 'PersistentVolume', name: pv.metadata.name ?? '' };
      if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') {
        // Gone between the list and the patch (its provisioner was quicker): nothing to wait for.
        if (!(await handBackToProvisioner(cluster, ref.name, options.signal))) return;
      }
      try {
        await cluster.waitForDeletion(ref, {
          timeoutMs: Math.max(1, deadline - Date.now()),
          signal: options.signal,
          uid: pv.metadata.uid,
        });
      } catch (error) {
        if (!(error instanceof WaitTimeoutError)) throw error;
        const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path ?? 'an unknown path';
        left.push(`${ref.name} (${path})`);
      }
    }),
  );
  if (left.length > 0) {
    throw new ProvisionedVolumesLeftError(
      `provisioned volumes of namespace ${options.namespace} still exist after ${Math.round(options.timeoutMs / 1000)}s: ${left.sort().join(', ')}. ` +
        `Expected their provisioner to delete them (reclaimPolicy Delete); look at its logs and remove them by hand (kubectl delete pv <name>, then the directory on the node).`,
    );
  }
  return ours.map((pv) => pv.metadata.name ?? '');
}
