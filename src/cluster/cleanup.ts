import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, USER_LABEL } from '../model/scope.js';
import type { Cluster, KubeObject, ObjectRef } from './cluster.js';
import { UnknownKindError } from './discovery.js';
import { stuckError } from './namespace.js';

/** Cluster-scoped kinds kubelab may create for a lab, removed by cleanup. */
export const CLUSTER_SCOPED_KINDS = [
  { apiVersion: 'v1', kind: 'PersistentVolume' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
] as const;

/** Cleanup waits this long for namespaces to go before reporting them stuck. */
export const CLEANUP_TIMEOUT_MS = 120_000;

export interface CleanupSummary {
  /** `namespace/kubelab-probes`, `persistentvolume/pv-demo`, sorted. */
  readonly deleted: readonly string[];
  /** Objects still there at the deadline, with why (finalizers, conditions). */
  readonly stuck: readonly { readonly object: string; readonly reason: string }[];
}

/** `app.kubernetes.io/managed-by=kubelab[,kubelab.dev/lab=<id>][,kubelab.dev/user=<user>]`. */
export function cleanupSelector(filter: { labId?: string; user?: string }): string {
  const parts = [`${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`];
  if (filter.labId !== undefined) parts.push(`${LAB_LABEL}=${filter.labId}`);
  if (filter.user !== undefined) parts.push(`${USER_LABEL}=${filter.user}`);
  return parts.join(',');
}

/**
 * Deletes every namespace and cluster-scoped object kubelab labelled (optionally only one lab's or
 * one user's), then waits (bounded) for them to go. Never hangs: what is left at the deadline is
 * reported in `stuck` with its finalizers and conditions.
 */
export async function cleanupAll(
  cluster: Cluster,
  options: { labId?: string; user?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<CleanupSummary> {
  const labelSelector = cleanupSelector(options);
  const targets: { ref: ObjectRef; label: string; uid: string | undefined }[] = [];
  const kinds = [{ apiVersion: 'v1', kind: 'Namespace' }, ...CLUSTER_SCOPED_KINDS];
  for (const kind of kinds) {
    let objects: KubeObject[];
    try {
      objects = await cluster.list({ ...kind, labelSelector }, options.signal);
    } catch (error) {
      if (error instanceof UnknownKindError) continue;
      throw error;
    }
    for (const object of objects) {
      const name = object.metadata.name ?? '';
      targets.push({
        ref: { ...kind, name },
        label: `${kind.kind.toLowerCase()}/${name}`,
        uid: object.metadata.uid,
      });
    }
  }
  await Promise.all(targets.map((t) => cluster.delete(t.ref, { signal: options.signal })));
  const deadline = Date.now() + (options.timeoutMs ?? CLEANUP_TIMEOUT_MS);
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      try {
        const timeoutMs = Math.max(1, deadline - Date.now());
        await cluster.waitForDeletion(target.ref, {
          timeoutMs,
          signal: options.signal,
          uid: target.uid,
        });
        return { label: target.label };
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        return { label: target.label, reason: await stuckReason(cluster, target.ref, error) };
      }
    }),
  );
  const deleted = outcomes.filter((o) => o.reason === undefined).map((o) => o.label);
  const stuck = outcomes
    .filter((o): o is { label: string; reason: string } => o.reason !== undefined)
    .map((o) => ({ object: o.label, reason: o.reason }));
  return {
    deleted: deleted.sort(),
    stuck: stuck.sort((a, b) => a.object.localeCompare(b.object)),
  };
}

async function stuckReason(cluster: Cluster, ref: ObjectRef, error: unknown): Promise<string> {
  const current = await cluster.get(ref).catch(() => undefined);
  if (ref.kind === 'Namespace') return stuckError(ref.name, current, error).message;
  const finalizers = (current?.metadata['finalizers'] as string[] | undefined) ?? [];
  if (finalizers.length > 0)
    return `still present, finalizers left: ${[...finalizers].sort().join(', ')}`;
  return error instanceof Error ? error.message : String(error);
}
