import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { CheckKind } from '../check-api/check-kind.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { scopeFor } from '../model/scope.js';
import type { LabReport } from '../report/model.js';
import type { ManifestOutcome } from '../runner/apply-manifests.js';
import { BATCH_HOSTPATH_ROOT } from '../runner/pv-host-path.js';
import type { RunEvent } from '../runner/run-lab.js';
import { labSession } from '../session/lab-session.js';
import type { JournalApplied } from './journal/journal.js';
import { isolationObjects, studentIdentity } from './isolation/isolation.js';
import { snapshotSubmission, type Snapshot, type SnapshotProblem } from './intake/snapshot.js';
import { cleanupSubmission, type SubmissionCleanup } from '../session/submission-cleanup.js';
import { appliedSummary, refusalLines, unGradedReport } from './submission-report.js';

export interface GradeSubmissionOptions {
  /** The grader's own identity: namespaces, isolation objects, allowed cluster-scoped kinds, checks. */
  readonly cluster: Cluster;
  /** A Cluster acting as `user` (see impersonate.ts): student manifests are applied through it. */
  readonly as: (user: string) => Cluster;
  readonly lab: LoadedLab;
  readonly studentId: string;
  /** The student's `<lab-id>/` folder; undefined when they handed in none. */
  readonly labDir: string | undefined;
  readonly node: NodeAccess | undefined;
  readonly nodeAccessProblem?: string;
  readonly kinds: ReadonlyMap<string, CheckKind>;
  /** The whole run's signal (Ctrl-C, SIGTERM): aborting it abandons the submission (not journaled). */
  readonly signal: AbortSignal;
  /** Per-submission deadline; past it the remaining checks are skipped and the result kept. */
  readonly timeoutMs: number;
  readonly onEvent?: (event: RunEvent | { type: 'phase'; activity: string }) => void;
}

export interface GradedSubmission {
  readonly report: LabReport;
  readonly applied: JournalApplied;
  readonly refusals: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Why it could not be graded at all (the report then says so with status `error`). */
  readonly error?: unknown;
  /**
   * What the final cleanup could not delete (`namespace/kubelab-probes-alice: why`); filled
   * in once the cleanup has run, before gradeSubmission resolves.
   */
  readonly leftovers: readonly string[];
}

/** The run was interrupted while this submission was graded: nothing to journal. */
export class SubmissionAbortedError extends Error {
  override readonly name = 'SubmissionAbortedError';
}

/**
 * Grades one (student, lab) in its own namespace `kubelab-<lab>-<student>`: deletes what an earlier
 * (killed) run left, copies the submission (regular files only), creates the namespace with Pod
 * Security, quota, limits and the student's ServiceAccount + Role, applies the manifests as that
 * ServiceAccount (cluster-scoped kinds the lab allows as the grader, prefixed and labelled), runs
 * the checks, and always deletes the namespace and labelled cluster-scoped objects afterwards, the
 * volumes a provisioner made for its claims (with their node directories), and the private node
 * directory of its PersistentVolumes (/var/lib/kubelab/volumes/<student>/<lab>).
 */
export async function gradeSubmission(options: GradeSubmissionOptions): Promise<GradedSubmission> {
  const startedAt = new Date().toISOString();
  const { lab } = options.lab;
  const scope = scopeFor(lab.id, options.studentId);
  const tell = (activity: string): void => options.onEvent?.({ type: 'phase', activity });
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  const cleanup = (): Promise<SubmissionCleanup> =>
    cleanupSubmission(options.cluster, {
      labId: lab.id,
      user: options.studentId,
      namespace: scope.namespace,
    });
  // Returned objects share this array; the finally block fills it once the cleanup has run.
  const leftovers: string[] = [];
  if (options.labDir === undefined) {
    return finish(startedAt, leftovers, {
      report: unGradedReport({
        lab,
        namespace: scope.namespace,
        status: 'failed',
        message: `no ${lab.id}/ folder in the submission`,
      }),
      outcomes: [],
      problems: [],
    });
  }
  let snapshot: Snapshot | undefined;
  const session = labSession({
    cluster: options.cluster,
    loaded: options.lab,
    scope,
    node: options.node,
    signal,
  });
  try {
    snapshot = await snapshotSubmission(options.labDir);
    tell('removing what an earlier run left');
    const earlier = await cleanup();
    if (earlier.volumesError !== undefined) throw earlier.volumesError;
    tell(`creating namespace ${scope.namespace}`);
    await session.prepare({ isolation: isolationObjects(scope) });
    tell('applying the manifests as the student');
    const outcomes = await session.apply({
      as: options.as(studentIdentity(scope.namespace)),
      hostPathRoot: BATCH_HOSTPATH_ROOT,
      dir: snapshot.dir,
      label: lab.id,
      nodeFiles: true,
    });
    const report = await session.run({
      submissionDir: snapshot.dir,
      nodeAccessProblem: options.nodeAccessProblem,
      kinds: options.kinds,
      onEvent: options.onEvent,
    });
    if (options.signal.aborted) throw new SubmissionAbortedError('interrupted');
    const timedOut = deadline.aborted
      ? `timed out after ${Math.round(options.timeoutMs / 1000)}s (--timeout); the checks not run yet score 0`
      : undefined;
    return finish(startedAt, leftovers, {
      report: timedOut === undefined ? report : { ...report, message: timedOut },
      outcomes,
      problems: snapshot.problems,
    });
  } catch (error) {
    if (options.signal.aborted) throw new SubmissionAbortedError('interrupted', { cause: error });
    const reason = deadline.aborted
      ? `timed out after ${Math.round(options.timeoutMs / 1000)}s (--timeout) before the checks ran`
      : error instanceof Error
        ? error.message
        : String(error);
    return finish(startedAt, leftovers, {
      report: unGradedReport({
        lab,
        namespace: scope.namespace,
        status: 'error',
        message: `could not be graded: ${reason}`,
      }),
      outcomes: session.outcomes(),
      problems: snapshot?.problems ?? [],
      error,
    });
  } finally {
    tell(`deleting namespace ${scope.namespace}`);
    await session.removeNodeFiles();
    leftovers.push(...(await cleanupLeftovers(cleanup, scope.namespace)));
    await session.removeVolumeDir();
    await snapshot?.dispose();
  }
}

/**
 * What a cleanup left: the objects and provisioned volumes still there at its deadline, or — when it
 * could not even list them (the API server is down) — the submission's namespace, which is then most
 * likely still there.
 */
async function cleanupLeftovers(
  cleanup: () => Promise<SubmissionCleanup>,
  namespace: string,
): Promise<readonly string[]> {
  try {
    return (await cleanup()).left;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [`namespace/${namespace}: not deleted: ${why}`];
  }
}

function finish(
  startedAt: string,
  leftovers: readonly string[],
  parts: {
    report: LabReport;
    outcomes: ManifestOutcome[];
    problems: readonly SnapshotProblem[];
    error?: unknown;
  },
): GradedSubmission {
  const labId = parts.report.labId;
  return {
    report: parts.report,
    applied: appliedSummary(parts.outcomes, parts.problems, labId),
    refusals: refusalLines(parts.outcomes, parts.problems, labId),
    startedAt,
    finishedAt: new Date().toISOString(),
    ...(parts.error === undefined ? {} : { error: parts.error }),
    leftovers,
  };
}
