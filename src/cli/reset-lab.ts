import { CLEANUP_TIMEOUT_MS } from '../cluster/cleanup/cleanup.js';
import { CleanupRuns } from '../cluster/cleanup/cleanup-plan.js';
import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccessKind } from '../cluster/node-access/node-access.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { scopeFor } from '../model/scope.js';
import { planRunCleanup, planTargets, runRunCleanup } from '../session/run-cleanup.js';
import { labSession } from '../session/lab-session.js';
import { closeNodeAccess, nodeAccessFor } from './node-access-for.js';

export interface ResetResult {
  readonly namespace: string;
  /** `namespace/kubelab-pv-pvc`, `persistentvolume/pv-demo`, `node file …`, sorted. */
  readonly deleted: readonly string[];
  /** What was left in place and why (another run's objects, an object in use elsewhere). */
  readonly left: readonly string[];
  /** Objects still there at the deadline, with why. */
  readonly stuck: readonly { readonly object: string; readonly reason: string }[];
}

/**
 * A fresh start for a student's own lab run: deletes the lab namespace (kubelab-<lab>), the
 * cluster-scoped objects and node files of the student's own session (see planRunCleanup; batch
 * runs of other students and `kubelab verify` runs are left alone), waits for them to go, then
 * creates the namespace again.
 */
export async function resetLab(options: {
  readonly cluster: Cluster;
  readonly loaded: LoadedLab;
  readonly nodeAccess?: NodeAccessKind | undefined;
  readonly signal: AbortSignal;
}): Promise<ResetResult> {
  const { cluster, loaded, signal } = options;
  const { lab } = loaded;
  const scope = scopeFor(lab.id);
  const plan = await planRunCleanup({
    cluster,
    labId: lab.id,
    runs: CleanupRuns.session,
    session: {
      loadLab: (id) => Promise.resolve(id === lab.id ? loaded : undefined),
      nodeFor: () => nodeAccessFor({ cluster, needed: true, override: options.nodeAccess, signal }),
    },
    signal,
  });
  try {
    const result = await runRunCleanup(cluster, plan, { timeoutMs: CLEANUP_TIMEOUT_MS, signal });
    if (result.stuck.length === 0)
      await labSession({ cluster, loaded, scope, node: undefined, signal }).prepare();
    const removed = new Set([
      ...result.deleted,
      ...result.removedFiles.map((p) => `node file ${p}`),
    ]);
    return {
      namespace: scope.namespace,
      deleted: planTargets(plan).filter((t) => removed.has(t)),
      left: plan.left,
      stuck: result.stuck,
    };
  } finally {
    await closeNodeAccess(plan.node);
  }
}
