import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, USER_LABEL } from '../../model/scope.js';
import { objectLabel, type CleanupCandidate } from './cleanup-plan.js';
import type { Cluster, KubeObject, ObjectRef } from '../cluster.js';
import { UnknownKindError } from '../connect/discovery.js';
import { stuckError } from '../namespace.js';
import { VERIFY_LABEL } from '../run-owner.js';

/**
 * The cluster-scoped kinds kubelab may create for a lab and labels, so cleanup looks for them: the
 * one list of them. (cluster-scoped.ts's CLUSTER_SCOPED_KINDS is another concept: every built-in
 * kind the API server keeps outside namespaces, which apply refuses unless the lab allows it.)
 */
export const CLEANUP_KINDS = [
  { apiVersion: 'v1', kind: 'PersistentVolume' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
] as const;

const NAMESPACE_KIND = { apiVersion: 'v1', kind: 'Namespace' } as const;

/** The apiVersion of a kind cleanup knows (Namespace or CLEANUP_KINDS), else undefined. */
export function cleanupApiVersion(kind: string): string | undefined {
  return [NAMESPACE_KIND, ...CLEANUP_KINDS].find((k) => k.kind === kind)?.apiVersion;
}

/**
 * Every kubelab cleanup (`cleanup`, `reset`, verify's phases, a graded submission, a session's node
 * files) waits this long for what it deletes to go before reporting it stuck: a namespace's pods
 * get their grace period.
 */
export const CLEANUP_TIMEOUT_MS = 120_000;

export interface CleanupSummary {
  /** `namespace/kubelab-probes`, `persistentvolume/pv-demo`, sorted. */
  readonly deleted: readonly string[];
  /** Objects still there at the deadline, with why (finalizers, conditions). */
  readonly stuck: readonly { readonly object: string; readonly reason: string }[];
}

/** Which labelled objects a cleanup looks at. */
export interface CleanupFilter {
  /** Only this lab's. */
  readonly labId?: string | undefined;
  /** Only this graded student's. */
  readonly user?: string | undefined;
  /** Only this `kubelab verify` run's (its run id). */
  readonly verifyRun?: string | undefined;
}

/**
 * `app.kubernetes.io/managed-by=kubelab[,kubelab.dev/lab=<id>][,kubelab.dev/user=<user>][,kubelab.dev/verify=<run>]`.
 */
export function cleanupSelector(filter: CleanupFilter): string {
  const parts = [`${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`];
  if (filter.labId !== undefined) parts.push(`${LAB_LABEL}=${filter.labId}`);
  if (filter.user !== undefined) parts.push(`${USER_LABEL}=${filter.user}`);
  if (filter.verifyRun !== undefined) parts.push(`${VERIFY_LABEL}=${filter.verifyRun}`);
  return parts.join(',');
}

/** Namespaces and cluster-scoped objects matching `labelSelector` (kinds the API lacks are skipped). */
export async function findLabelled(
  cluster: Cluster,
  options: { labelSelector: string; signal?: AbortSignal },
): Promise<CleanupCandidate[]> {
  const found: CleanupCandidate[] = [];
  for (const kind of [NAMESPACE_KIND, ...CLEANUP_KINDS]) {
    let objects: KubeObject[];
    try {
      objects = await cluster.list(
        { ...kind, labelSelector: options.labelSelector },
        options.signal,
      );
    } catch (error) {
      if (error instanceof UnknownKindError) continue;
      throw error;
    }
    for (const object of objects) {
      found.push({
        ref: { ...kind, name: object.metadata.name ?? '' },
        uid: object.metadata.uid,
        labels: object.metadata.labels ?? {},
      });
    }
  }
  return found;
}

/**
 * Deletes the objects (all at once), then waits until each (that uid) is gone, all against one
 * deadline; an object already gone counts as deleted.
 */
export async function deleteAndWait(
  cluster: Cluster,
  targets: readonly Pick<CleanupCandidate, 'ref' | 'uid'>[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<CleanupSummary> {
  await Promise.all(targets.map((t) => cluster.delete(t.ref, { signal: options.signal })));
  const deadline = Date.now() + (options.timeoutMs ?? CLEANUP_TIMEOUT_MS);
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      const label = objectLabel(target.ref);
      try {
        const timeoutMs = Math.max(1, deadline - Date.now());
        await cluster.waitForDeletion(target.ref, {
          timeoutMs,
          signal: options.signal,
          uid: target.uid,
        });
        return { label };
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        return { label, reason: await stuckReason(cluster, target.ref, error) };
      }
    }),
  );
  const deleted = outcomes.filter((o) => o.reason === undefined).map((o) => o.label);
  const stuck = outcomes
    .filter((o): o is { label: string; reason: string } => o.reason !== undefined)
    .map((o) => ({ object: o.label, reason: o.reason }));
  return {
    deleted: [...new Set(deleted)].sort(),
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
