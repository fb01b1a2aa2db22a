import type { Cluster, ObjectRef } from '../cluster/cluster.js';
import { CLEANUP_TIMEOUT_MS } from '../cluster/cleanup/cleanup.js';
import { CleanupRuns } from '../cluster/cleanup/cleanup-plan.js';
import { VERIFY_LABEL } from '../cluster/run-owner.js';
import { REQUEST_TIMEOUT_MS } from '../cluster/connect/transport.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { CheckKind } from '../check-api/check-kind.js';
import type { Lab } from '../model/lab.js';
import type { Scope } from '../model/scope.js';
import type { LabReport } from '../report/model.js';
import { maxScore, skippedResults, unrunLabReport } from '../report/score.js';
import { describeOutcome } from '../runner/apply-manifests.js';
import { PREFIXED_KINDS } from '../cluster/cluster-scoped.js';
import { clusterProvisionerAdapter } from '../cluster/cluster-provisioner.js';
import { loadCheckKinds } from '../catalogue/registry.js';
import type { RunEvent } from '../runner/run-lab.js';
import { labSession } from './lab-session.js';
import { planRunCleanup, runRunCleanup, stuckLines } from './run-cleanup.js';
import { starterMismatches, solutionMismatches } from '../runner/verify-verdict.js';
import { newVerifyRunId, verifyScope } from '../runner/verify-scope.js';

export type VerifyPhase = 'solution' | 'starter';

export interface VerifyOptions {
  readonly cluster: Cluster;
  /** A loaded lab (src/catalogue/load-lab.ts LoadedLab fits). */
  readonly lab: { readonly lab: Lab; readonly solutionDir: string; readonly starterDir: string };
  readonly node: NodeAccess | undefined;
  readonly nodeAccessProblem?: string;
  readonly signal: AbortSignal;
  /** Check events of both phases, and `phase` events ("applying solution/"). */
  readonly onEvent?: (event: VerifyEvent) => void;
  readonly kinds?: ReadonlyMap<string, CheckKind>;
  /** Names this run's namespace and objects (default: a fresh random id, see verify-scope.ts). */
  readonly runId?: string;
}

export type VerifyEvent =
  | (RunEvent & { readonly phase: VerifyPhase })
  | {
      readonly type: 'phase';
      readonly labId: string;
      readonly phase: VerifyPhase;
      readonly activity: string;
    };

export interface VerifyResult {
  readonly labId: string;
  /** The solution scored every point and the starter failed exactly verify.starterFails. */
  readonly ok: boolean;
  readonly solution: LabReport;
  readonly starter: LabReport;
  /** Every way the lab is not as it claims, one sentence each; empty when ok. */
  readonly mismatches: readonly string[];
  readonly durationMs: number;
}

/**
 * Proves a lab works on this cluster: in a fresh namespace `kubelab-verify-<lab>-<run>`, applies
 * solution/ and runs every check (must score 100); cleans up; in a fresh namespace again, applies
 * starter/ and runs every check (the checks that do not pass must be exactly verify.starterFails);
 * cleans up. Namespaces and cluster-scoped objects are removed even when interrupted.
 */
export async function verifyLab(options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const { lab } = options.lab;
  const kinds = options.kinds ?? (await loadCheckKinds());
  const scope = verifyScope(lab.id, options.runId ?? newVerifyRunId());
  const solution = await runPhase(options, {
    phase: 'solution',
    dir: options.lab.solutionDir,
    scope,
    kinds,
  });
  const starter = await runPhase(options, {
    phase: 'starter',
    dir: options.lab.starterDir,
    scope,
    kinds,
  });
  const mismatches = [
    ...solutionMismatches(solution.report, solution.applyProblems),
    ...starterMismatches(lab, starter.report),
  ];
  return {
    labId: lab.id,
    ok: mismatches.length === 0,
    solution: solution.report,
    starter: starter.report,
    mismatches,
    durationMs: Math.round(performance.now() - started),
  };
}

async function runPhase(
  options: VerifyOptions,
  phase: { phase: VerifyPhase; dir: string; scope: Scope; kinds: ReadonlyMap<string, CheckKind> },
): Promise<{ report: LabReport; applyProblems: string[] }> {
  const { cluster } = options;
  const { lab } = options.lab;
  const tell = (activity: string): void =>
    options.onEvent?.({ type: 'phase', labId: lab.id, phase: phase.phase, activity });
  if (options.signal.aborted)
    return { report: interruptedReport(lab, phase.scope), applyProblems: [] };
  const session = labSession({
    cluster,
    loaded: options.lab,
    scope: phase.scope,
    node: options.node,
    signal: options.signal,
  });
  try {
    tell(`preparing namespace ${phase.scope.namespace}`);
    await cleanUp(cluster, phase.scope, []);
    await session.prepare();
    tell(`applying ${phase.phase}/`);
    const outcomes = await session.apply({
      dir: phase.dir,
      label: phase.phase,
      adapt:
        phase.phase === 'solution'
          ? await clusterProvisionerAdapter(cluster, options.signal)
          : undefined,
      nodeFiles: true,
    });
    const applyProblems = outcomes.filter((o) => o.status !== 'applied').map(describeOutcome);
    const report = await session.run({
      submissionDir: phase.dir,
      nodeAccessProblem: options.nodeAccessProblem,
      kinds: phase.kinds,
      onEvent: (event) => options.onEvent?.({ ...event, phase: phase.phase }),
    });
    const message =
      applyProblems.length > 0 ? `not applied: ${applyProblems.join('; ')}` : undefined;
    return { report: message === undefined ? report : { ...report, message }, applyProblems };
  } catch (error) {
    const message = `${phase.phase}/ could not be set up: ${error instanceof Error ? error.message : String(error)}`;
    return {
      report: unrunLabReport({
        lab,
        maxScore: maxScore(lab),
        namespace: phase.scope.namespace,
        status: 'error',
        message,
      }),
      applyProblems: [message],
    };
  } finally {
    tell(`cleaning up ${phase.scope.namespace}`);
    await session.removeNodeFiles();
    await cleanUp(cluster, phase.scope, session.applied()).catch(() => undefined);
  }
}

/** A phase that never started because the run was interrupted: every check skipped. */
function interruptedReport(lab: Lab, scope: Scope): LabReport {
  return unrunLabReport({
    lab,
    maxScore: maxScore(lab),
    namespace: scope.namespace,
    status: 'skipped',
    message: 'interrupted',
    checks: skippedResults(lab, 'skipped: interrupted'),
  });
}

/**
 * Deletes the phase's namespace and the cluster-scoped objects of the verify scope (those it just
 * applied, and any left by an interrupted run, found by its run label) through run-cleanup.ts, and
 * waits until they are gone, so the next phase starts from nothing. Runs with its own deadline, not the run's signal:
 * an interrupted verify still cleans up. Throws when something is still there at the deadline.
 */
async function cleanUp(
  cluster: Cluster,
  scope: Scope,
  applied: readonly ObjectRef[],
): Promise<void> {
  const deadline = Date.now() + CLEANUP_TIMEOUT_MS;
  // The requests' bound comes one request's time after the wait's own deadline: were they equal,
  // the signal (started first) would end the wait as an abort and lose the report of what is stuck.
  const signal = AbortSignal.timeout(CLEANUP_TIMEOUT_MS + REQUEST_TIMEOUT_MS);
  const plan = await planRunCleanup({
    cluster,
    labId: scope.labId,
    verifyRun: scope.labels[VERIFY_LABEL],
    runs: CleanupRuns.all,
    applied: [
      { apiVersion: 'v1', kind: 'Namespace', name: scope.namespace },
      ...applied.filter((r) => PREFIXED_KINDS.has(r.kind)),
    ],
    signal,
  });
  const result = await runRunCleanup(cluster, plan, {
    timeoutMs: Math.max(1, deadline - Date.now()),
    signal,
  });
  if (result.stuck.length > 0)
    throw new Error(
      `could not clean up verify's objects within ${CLEANUP_TIMEOUT_MS / 1000}s (expected them gone before the next phase): ` +
        `${stuckLines(result).join('; ')}. ` +
        `Remove them with \`kubelab cleanup --lab ${scope.labId} --all-runs\`, then run verify again.`,
    );
}
