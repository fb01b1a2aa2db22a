import type { z } from 'zod';
import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { Lab } from '../model/lab.js';
import type { CheckOutcome } from '../model/result.js';
import type { Scope } from '../model/scope.js';

/**
 * Everything a check may use. A check asserts the state of the real cluster through `cluster`,
 * touches node files only through `node`, and finds the objects it grades through `scope`
 * (namespace, and the real names of cluster-scoped objects, which are prefixed in batch grading).
 */
export interface CheckContext {
  readonly lab: Lab;
  readonly scope: Scope;
  readonly cluster: Cluster;
  /** Node file access (static pods, hostPath). Absent when no adapter fits the context. */
  readonly node: NodeAccess | undefined;
  /** The submission's directory (starter/solution/student files), for answers.yaml and static/. */
  readonly submissionDir: string;
  /** Aborted when the check's timeout expires or the run is interrupted (Ctrl-C). */
  readonly signal: AbortSignal;
  /**
   * This check's timeout in milliseconds (check > lab > kind default), plus what extendDeadline
   * granted so far.
   */
  readonly timeoutMs: number;
  /**
   * Moves this check's deadline `ms` later, for a wait that is Kubernetes' own and not the
   * submission's: the kubelet's restart back-off left by an earlier run of the check. Returns what
   * was granted: at most RUNNER_TIMEOUTS.deadlineExtensionMs over the check's whole run, and 0 for
   * an exclusive check (its cluster-wide lock is taken for the unextended timeout).
   */
  extendDeadline(ms: number): number;
  /** Tells the progress display what the check is doing now: "waiting for pod web-0 to be Ready". */
  progress(activity: string): void;
}

/**
 * One kind of check: a file under checks/ default-exports one of these.
 * `run` returns passed/failed with evidence; it throws when it cannot reach a verdict (the runner
 * turns that into status `error`, 0 points, and the error's message).
 */
export interface CheckKind<P extends z.ZodType = z.ZodType> {
  /** Stable id used in lab.yaml `kind:`, e.g. `workload-ready`. */
  readonly kind: string;
  /** One sentence for `kubelab list --kinds` and the JSON Schema. */
  readonly description: string;
  /** The params schema; lab validation reports `checks[2].params.name: …` from it. */
  readonly params: P;
  /** Default timeout for this kind in ms, when neither the lab nor the check sets one. */
  readonly defaultTimeoutMs: number;
  /** Does the check need node access (static pods, hostPath)? The runner reports it when absent. */
  readonly needsNodeAccess?: boolean;
  /**
   * Work no two graders may do at once on one cluster, whichever process they run in (node-memory:
   * filling a node to test preemption). The runner holds the cluster-wide lock of that name while
   * the check runs; the time spent waiting for it does not count against the check's timeout.
   */
  readonly exclusive?: string;
  run(ctx: CheckContext, params: z.infer<P>): Promise<CheckOutcome>;
}

/** Helper so each checks/<kind>.ts gets its params typed from its schema. */
export function defineCheck<P extends z.ZodType>(kind: CheckKind<P>): CheckKind<P> {
  return kind;
}
