import {
  CLEANUP_TIMEOUT_MS,
  cleanupSelector,
  deleteAndWait,
  findLabelled,
  type CleanupSummary,
} from '../cluster/cleanup/cleanup.js';
import {
  describeLeftRun,
  objectLabel,
  selectCleanup,
  type CleanupCandidate,
  type CleanupRuns,
} from '../cluster/cleanup/cleanup-plan.js';
import { removeProvisionedVolumes } from '../cluster/cleanup/provisioned-volumes.js';
import type { Cluster, ObjectRef } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { LAB_LABEL, scopeFor } from '../model/scope.js';
import { skippedNames } from '../cluster/manifest-files.js';
import { sessionLeftovers } from './session-leftovers.js';
import { staticFilesOfNamespace } from './node-files.js';

/**
 * The one cleanup of what a run made on the cluster, for every caller: `cleanup` and `reset` (the
 * student's own session, or the runs asked for), verify's phases (one verify run), batch grading
 * (one student's submission, before and after grading, and `--resume`'s sweep). planRunCleanup
 * chooses, runRunCleanup deletes and waits, cleanupRun does both.
 */

/** What a student's own session made outside kubelab's labels: for `cleanup` and `reset`. */
export interface SessionExtras {
  /** The lab of an id, or undefined when there is no such lab (its labelled objects still go). */
  readonly loadLab: (labId: string) => Promise<LoadedLab | undefined>;
  /** Node access for a lab whose student copies static pod files onto the node, or why there is none. */
  readonly nodeFor: (
    loaded: LoadedLab,
  ) => Promise<{ node: NodeAccess | undefined; nodeAccessProblem: string | undefined }>;
}

export interface RunCleanupOptions {
  readonly cluster: Cluster;
  /** Only this lab's objects (default: every lab's). */
  readonly labId?: string | undefined;
  /** Only this graded student's objects (batch grading). */
  readonly user?: string | undefined;
  /** Only this `kubelab verify` run's objects (its run id). */
  readonly verifyRun?: string | undefined;
  /** `session`: only the student's own `kubelab start` objects, the others left and named; `all`: every run's. */
  readonly runs: CleanupRuns;
  /** Deleted too, labelled or not: what a run applied (verify's namespace and prefixed objects). Default: none. */
  readonly applied?: readonly ObjectRef[];
  /**
   * Also the volumes a provisioner made for this namespace's claims (they carry no label), handed
   * back to their provisioner once the namespace is gone (batch grading). Default: none.
   */
  readonly provisionedVolumesOf?: string | undefined;
  /**
   * The student's own session of a lab (`labId`, or every lab whose namespace kubelab-<lab> is
   * taken): the cluster-scoped objects its files name and its static pod files on the node.
   * Ignored with `user` (a graded submission has none). Default: none.
   */
  readonly session?: SessionExtras | undefined;
  readonly signal?: AbortSignal;
}

/** What a cleanup deletes, and what it leaves and why. */
export interface RunCleanupPlan {
  /** Namespaces and cluster-scoped objects, sorted by `kind/name`. */
  readonly objects: readonly CleanupCandidate[];
  /** The namespace whose provisioned volumes go after it, if any. */
  readonly provisionedVolumesOf: string | undefined;
  /** Static pod manifests on the node (absolute node paths), sorted. */
  readonly staticFiles: readonly string[];
  /** The adapter that reaches staticFiles. */
  readonly node: NodeAccess | undefined;
  /** One sentence per thing left in place: another run's objects, an object in use elsewhere, no node access. */
  readonly left: readonly string[];
}

/** Chooses what a cleanup deletes: what kubelab labelled (of the runs asked for), plus what `applied` and `session` add. */
export async function planRunCleanup(options: RunCleanupOptions): Promise<RunCleanupPlan> {
  const { cluster, signal } = options;
  const labelled = await findLabelled(cluster, {
    labelSelector: cleanupSelector({
      labId: options.labId,
      user: options.user,
      verifyRun: options.verifyRun,
    }),
    signal,
  });
  const { take, left } = selectCleanup(labelled, options.runs);
  const notes = left.map(describeLeftRun);
  const extras: CleanupCandidate[] = [];
  const staticFiles: string[] = [];
  let node: NodeAccess | undefined;
  if (options.session !== undefined && options.user === undefined) {
    for (const labId of sessionLabs(take, options.labId)) {
      const loaded = await options.session.loadLab(labId);
      if (loaded === undefined) continue;
      const leftovers = await sessionLeftovers({ cluster, loaded, signal });
      extras.push(...leftovers.take);
      notes.push(...leftovers.left);
      if (!skippedNames(loaded.lab.extraFiles).has('static')) continue;
      const access =
        node === undefined
          ? await options.session.nodeFor(loaded)
          : { node, nodeAccessProblem: undefined };
      node = access.node;
      const namespace = scopeFor(labId).namespace;
      if (node === undefined) {
        notes.push(
          `left the static pod files of namespace ${namespace} on the node: ${access.nodeAccessProblem ?? 'no node access'}`,
        );
        continue;
      }
      staticFiles.push(...(await staticFilesOfNamespace({ node, namespace, signal })));
    }
  }
  const applied = (options.applied ?? []).map((ref) => ({ ref, uid: undefined, labels: {} }));
  return {
    objects: cleanupTargets([applied, take, extras]),
    provisionedVolumesOf: options.provisionedVolumesOf,
    staticFiles: staticFiles.sort(),
    node,
    left: notes,
  };
}

/**
 * The objects of several lists, once each (by `kind/name`; a later list's candidate replaces an
 * earlier one's, so a found object's uid wins over a bare applied ref), sorted by `kind/name`.
 */
export function cleanupTargets(
  lists: readonly (readonly CleanupCandidate[])[],
): CleanupCandidate[] {
  const objects = new Map<string, CleanupCandidate>();
  for (const candidate of lists.flat()) objects.set(objectLabel(candidate.ref), candidate);
  return [...objects.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c);
}

/** The labs whose session a cleanup covers: the one asked for, or those whose kubelab-<lab> is taken. */
export function sessionLabs(
  take: readonly CleanupCandidate[],
  labId: string | undefined,
): string[] {
  if (labId !== undefined) return [labId];
  const ids: string[] = [];
  for (const candidate of take) {
    const id = candidate.labels[LAB_LABEL];
    if (candidate.ref.kind !== 'Namespace' || id === undefined) continue;
    if (candidate.ref.name === scopeFor(id).namespace) ids.push(id);
  }
  return [...new Set(ids)].sort();
}

/** Static files removed from the node, then objects deleted and waited for (bounded). */
export interface RunCleanupResult extends CleanupSummary {
  readonly removedFiles: readonly string[];
  /**
   * removeProvisionedVolumes' error, when the provisioned volumes are not all gone; `stuck` ends
   * with `persistentvolumes provisioned for namespace/<ns>` and its message.
   */
  readonly volumesError?: unknown;
}

/**
 * Carries a plan out: the static pod files first (so the kubelet stops their pods before their
 * namespace goes), then the namespaces, then the cluster-scoped objects, against one deadline of
 * `timeoutMs` (default CLEANUP_TIMEOUT_MS); then the provisioned volumes of the plan's namespace,
 * which only start to go once its claims are gone, within `timeoutMs` of their own.
 */
export async function runRunCleanup(
  cluster: Cluster,
  plan: RunCleanupPlan,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<RunCleanupResult> {
  const { signal } = options;
  const removedFiles: string[] = [];
  for (const path of plan.staticFiles) {
    await plan.node?.remove(path, signal);
    removedFiles.push(path);
  }
  // Namespaces first: their claims go, so a provisioner still finds the StorageClass of the
  // volumes it deletes, and a PersistentVolume is not held by its claim's protection.
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? CLEANUP_TIMEOUT_MS;
  const namespaces = await deleteAndWait(
    cluster,
    plan.objects.filter((c) => c.ref.kind === 'Namespace'),
    { timeoutMs, signal },
  );
  const others = await deleteAndWait(
    cluster,
    plan.objects.filter((c) => c.ref.kind !== 'Namespace'),
    { timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)), signal },
  );
  const deleted = [...namespaces.deleted, ...others.deleted];
  const stuck = [...namespaces.stuck, ...others.stuck].sort((a, b) =>
    a.object.localeCompare(b.object),
  );
  const namespace = plan.provisionedVolumesOf;
  if (namespace === undefined) return { deleted: deleted.sort(), stuck, removedFiles };
  try {
    const volumes = await removeProvisionedVolumes(cluster, { namespace, timeoutMs, signal });
    deleted.push(...volumes.map((name) => objectLabel({ kind: 'PersistentVolume', name })));
    return { deleted: [...new Set(deleted)].sort(), stuck, removedFiles };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    stuck.push({ object: `persistentvolumes provisioned for namespace/${namespace}`, reason: why });
    return { deleted: deleted.sort(), stuck, removedFiles, volumesError: error };
  }
}

/** Plans and carries out a cleanup at once (see planRunCleanup and runRunCleanup). */
export async function cleanupRun(
  options: RunCleanupOptions & { readonly timeoutMs?: number },
): Promise<RunCleanupResult> {
  const plan = await planRunCleanup(options);
  return runRunCleanup(options.cluster, plan, options);
}

/** `namespace/kubelab-probes-bob: why`: what a cleanup could not delete, one line each, in `stuck`'s order. */
export function stuckLines(result: Pick<CleanupSummary, 'stuck'>): string[] {
  return result.stuck.map((s) => `${s.object}: ${s.reason}`);
}

/** `persistentvolume/pv-demo`, `node file /etc/kubernetes/manifests/web.yaml`: what a plan deletes, sorted. */
export function planTargets(plan: RunCleanupPlan): string[] {
  return [
    ...plan.objects.map((c) => objectLabel(c.ref)),
    ...plan.staticFiles.map((path) => `node file ${path}`),
  ].sort();
}
