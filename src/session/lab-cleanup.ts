import {
  CLEANUP_TIMEOUT_MS,
  deleteAndWait,
  planCleanup,
  type CleanupSummary,
} from '../cluster/cleanup/cleanup.js';
import type { CleanupRuns } from '../cluster/cleanup/cleanup-plan.js';
import {
  describeLeftRun,
  objectLabel,
  type CleanupCandidate,
} from '../cluster/cleanup/cleanup-plan.js';
import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { LAB_LABEL, scopeFor } from '../model/scope.js';
import { skippedNames } from '../cluster/manifest-files.js';
import { sessionLeftovers } from './session-leftovers.js';
import { staticFilesOfNamespace } from './node-files.js';

/** What a `cleanup`/`reset` deletes, and what it leaves and why. */
export interface LabCleanupPlan {
  /** Namespaces and cluster-scoped objects, sorted by `kind/name`. */
  readonly objects: readonly CleanupCandidate[];
  /** Static pod manifests on the node (absolute node paths), sorted. */
  readonly staticFiles: readonly string[];
  /** The adapter that reaches staticFiles. */
  readonly node: NodeAccess | undefined;
  /** One sentence per thing left in place: another run's objects, an object in use elsewhere, no node access. */
  readonly left: readonly string[];
}

export interface LabCleanupOptions {
  readonly cluster: Cluster;
  /** Only this lab's objects (default: every lab's). */
  readonly labId?: string | undefined;
  /** Only this graded student's objects (batch grading). */
  readonly user?: string | undefined;
  /** `session` (default for students): only their own `kubelab start` objects; `all`: every run's. */
  readonly runs: CleanupRuns;
  /** The lab of an id, or undefined when there is no such lab (its labelled objects still go). */
  readonly loadLab: (labId: string) => Promise<LoadedLab | undefined>;
  /** Node access for a lab whose student copies static pod files onto the node, or why there is none. */
  readonly nodeFor: (
    loaded: LoadedLab,
  ) => Promise<{ node: NodeAccess | undefined; nodeAccessProblem: string | undefined }>;
  readonly signal?: AbortSignal;
}

/**
 * Plans a cleanup in one place for `cleanup` and `reset`: what kubelab labelled (of the runs asked
 * for), plus, for the student's own session of a lab (`--lab`, or every lab whose namespace
 * kubelab-<lab> exists), what its README has the student create outside the namespace: the
 * cluster-scoped objects its files name and its static pod files on the node.
 */
export async function planLabCleanup(options: LabCleanupOptions): Promise<LabCleanupPlan> {
  const { cluster, signal } = options;
  const { take, left } = await planCleanup(cluster, {
    labId: options.labId,
    user: options.user,
    runs: options.runs,
    signal,
  });
  const objects = new Map(take.map((c) => [objectLabel(c.ref), c]));
  const notes = left.map(describeLeftRun);
  const staticFiles: string[] = [];
  let node: NodeAccess | undefined;
  if (options.user === undefined) {
    for (const labId of sessionLabs(take, options.labId)) {
      const loaded = await options.loadLab(labId);
      if (loaded === undefined) continue;
      const extras = await sessionLeftovers({ cluster, loaded, signal });
      for (const candidate of extras.take) objects.set(objectLabel(candidate.ref), candidate);
      notes.push(...extras.left);
      if (!skippedNames(loaded.lab.extraFiles).has('static')) continue;
      const access =
        node === undefined ? await options.nodeFor(loaded) : { node, nodeAccessProblem: undefined };
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
  return {
    objects: [...objects.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c),
    staticFiles: staticFiles.sort(),
    node,
    left: notes,
  };
}

/** The labs whose session a cleanup covers: the one asked for, or those whose kubelab-<lab> is taken. */
function sessionLabs(take: readonly CleanupCandidate[], labId: string | undefined): string[] {
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
export interface LabCleanupResult extends CleanupSummary {
  readonly removedFiles: readonly string[];
}

/**
 * Carries a plan out: the static pod files first (so the kubelet stops their pods before their
 * namespace goes), then the namespaces, then the cluster-scoped objects, against one deadline.
 */
export async function runLabCleanup(
  cluster: Cluster,
  plan: LabCleanupPlan,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<LabCleanupResult> {
  const removedFiles: string[] = [];
  for (const path of plan.staticFiles) {
    await plan.node?.remove(path, options.signal);
    removedFiles.push(path);
  }
  // Namespaces first: their claims go, so a provisioner still finds the StorageClass of the
  // volumes it deletes, and a PersistentVolume is not held by its claim's protection.
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? CLEANUP_TIMEOUT_MS;
  const namespaces = await deleteAndWait(
    cluster,
    plan.objects.filter((c) => c.ref.kind === 'Namespace'),
    { timeoutMs, signal: options.signal },
  );
  const others = await deleteAndWait(
    cluster,
    plan.objects.filter((c) => c.ref.kind !== 'Namespace'),
    { timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)), signal: options.signal },
  );
  return {
    deleted: [...namespaces.deleted, ...others.deleted].sort(),
    stuck: [...namespaces.stuck, ...others.stuck].sort((a, b) => a.object.localeCompare(b.object)),
    removedFiles,
  };
}

/** `persistentvolume/pv-demo`, `node file /etc/kubernetes/manifests/web.yaml`: what a plan deletes, sorted. */
export function planTargets(plan: LabCleanupPlan): string[] {
  return [
    ...plan.objects.map((c) => objectLabel(c.ref)),
    ...plan.staticFiles.map((path) => `node file ${path}`),
  ].sort();
}
