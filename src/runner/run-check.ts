import {
  collectPodDiagnostics,
  type Diagnostics,
  type DiagnosticsTarget,
} from '../check-api/diagnostics.js';
import type { CheckContext, CheckKind } from '../check-api/check-kind.js';
import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { CheckSpec, Lab } from '../model/lab.js';
import type { CheckOutcome, CheckResult, CheckStatus, Evidence } from '../model/result.js';
import type { Scope } from '../model/scope.js';
import { checkResult } from '../report/score.js';
import { gateCheck } from './check-gate.js';
import { takeCheckLock, type CheckLock } from './check-lock.js';
import { RUNNER_TIMEOUTS, resolveTimeoutMs } from './timeouts.js';

export interface RunCheckOptions {
  readonly spec: CheckSpec;
  /** The kind named by spec.kind; undefined when no checks/ file defines it. */
  readonly kind: CheckKind | undefined;
  readonly lab: Lab;
  readonly scope: Scope;
  readonly cluster: Cluster;
  readonly node: NodeAccess | undefined;
  /** Which node-access adapter was tried and why it did not fit (for the error message). */
  readonly nodeAccessProblem?: string;
  readonly submissionDir: string;
  /** The run's signal (Ctrl-C); the check also gets its own deadline. */
  readonly signal: AbortSignal;
  /** Results so far, by check id (for `needs`). */
  readonly earlier: ReadonlyMap<string, CheckResult>;
  readonly onProgress?: (activity: string) => void;
  /** Gathers events and previous logs for a failed check that gave none. Default: collectPodDiagnostics. */
  readonly diagnose?: (ctx: CheckContext, target: DiagnosticsTarget) => Promise<Diagnostics>;
  /** Monotonic clock in ms. Default: performance.now. */
  readonly now?: () => number;
}

/** An exclusive check's lock outlives its hard stop by this much, so a slow release is not a gap. */
const LOCK_MARGIN_MS = 30_000;

type Settled =
  | { readonly how: 'outcome'; readonly outcome: CheckOutcome }
  | { readonly how: 'threw'; readonly error: unknown }
  | { readonly how: 'deadline' }
  | { readonly how: 'interrupted' };

/** A promise that settles when the signal aborts, with a way to stop listening. */
function onAbort(signal: AbortSignal): { promise: Promise<void>; dispose(): void } {
  let listener: (() => void) | undefined;
  const promise = new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    listener = () => resolve();
    signal.addEventListener('abort', listener, { once: true });
  });
  return {
    promise,
    dispose: () => {
      if (listener !== undefined) signal.removeEventListener('abort', listener);
    },
  };
}

/** The message of a thrown error, and the last observed objects when a wait timed out. */
export function errorOutcome(error: unknown): { message: string; evidence: Evidence } {
  if (!(error instanceof Error)) return { message: String(error), evidence: {} };
  const observed = (error as Error & { lastObserved?: unknown }).lastObserved;
  return {
    message: error.message,
    evidence: typeof observed === 'string' && observed !== '' ? { observed } : {},
  };
}

/** A check that listed events, logs or the fields that differ has said why; the runner adds nothing. */
export function hasDiagnostics(evidence: Evidence): boolean {
  return (
    evidence.events !== undefined ||
    evidence.logs !== undefined ||
    evidence.fieldErrors !== undefined
  );
}

/** What the runner looks at when a failed check gave no events or logs: the objects its params name. */
export function diagnosticsTargetFor(params: unknown): DiagnosticsTarget {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<
    string,
    unknown
  >;
  if (typeof p['labelSelector'] === 'string') return { labelSelector: p['labelSelector'] };
  if (typeof p['pod'] === 'string') return { podNames: [p['pod']] };
  if (typeof p['name'] === 'string' && typeof p['kind'] === 'string') {
    return { objects: [{ kind: p['kind'], name: p['name'] }] };
  }
  return {};
}

/**
 * Runs one check with its own deadline and turns whatever happens into a scored CheckResult: a
 * throw becomes `error` (0 points, the error's message), a deadline the check did not honour becomes
 * `error` ("timed out after …"), Ctrl-C becomes `skipped` ("interrupted"). Never throws.
 */
export async function runCheck(options: RunCheckOptions): Promise<CheckResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { spec } = options;
  const result = (
    status: CheckStatus,
    message: string,
    evidence: Evidence = {},
    hint: string = spec.hint,
  ): CheckResult =>
    checkResult({ spec, status, message, evidence, hint, durationMs: now() - started });

  const gate = gateCheck({
    spec,
    kind: options.kind,
    earlier: options.earlier,
    hasNodeAccess: options.node !== undefined,
    nodeAccessProblem: options.nodeAccessProblem,
    context: options.cluster.context,
    interrupted: options.signal.aborted,
  });
  if (!gate.open) return result(gate.status, gate.message);

  const timeoutMs = resolveTimeoutMs({ check: spec, lab: options.lab, kind: gate.kind });
  // An exclusive check waits for its lock before its own deadline starts.
  let lock: CheckLock = { taken: true, lock: undefined, notes: [] };
  if (gate.kind.exclusive !== undefined) {
    try {
      lock = await takeCheckLock({
        cluster: options.cluster,
        name: gate.kind.exclusive,
        holder: `${options.scope.namespace}/${spec.id}`,
        holdMs: timeoutMs + RUNNER_TIMEOUTS.checkGraceMs + LOCK_MARGIN_MS,
        signal: options.signal,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
    } catch {
      return result('skipped', 'skipped: interrupted');
    }
    if (!lock.taken) return result('error', lock.message);
  }
  const lockNotes = lock.notes;
  const deadline = new AbortController();
  const hardStop = new AbortController();
  // The deadline (the check's own) and the hard stop (the deadline plus a grace period, or Ctrl-C
  // at once), both moved later by what extendDeadline grants.
  let extendedMs = 0;
  let timer: NodeJS.Timeout | undefined;
  let hardTimer: NodeJS.Timeout | undefined;
  const armedAt = performance.now();
  const armTimers = (): void => {
    const elapsed = performance.now() - armedAt;
    clearTimeout(timer);
    clearTimeout(hardTimer);
    timer = setTimeout(() => deadline.abort(), Math.max(0, timeoutMs + extendedMs - elapsed));
    hardTimer = setTimeout(
      () => hardStop.abort(),
      Math.max(0, timeoutMs + extendedMs + RUNNER_TIMEOUTS.checkGraceMs - elapsed),
    );
  };
  armTimers();
  const checkSignal = AbortSignal.any([options.signal, deadline.signal]);
  const ctx: CheckContext = {
    lab: options.lab,
    scope: options.scope,
    cluster: options.cluster,
    node: options.node,
    submissionDir: options.submissionDir,
    signal: checkSignal,
    get timeoutMs() {
      return timeoutMs + extendedMs;
    },
    extendDeadline(ms) {
      if (gate.kind.exclusive !== undefined || deadline.signal.aborted) return 0;
      const granted = Math.max(
        0,
        Math.min(Math.round(ms), RUNNER_TIMEOUTS.deadlineExtensionMs - extendedMs),
      );
      if (granted === 0) return 0;
      extendedMs += granted;
      armTimers();
      return granted;
    },
    progress: (activity) => options.onProgress?.(activity),
  };

  const interrupted = onAbort(options.signal);
  const stopped = onAbort(hardStop.signal);
  let settled: Settled;
  try {
    settled = await Promise.race<Settled>([
      // Through a resolved promise, so a check that throws synchronously is an error result too.
      Promise.resolve()
        .then(() => gate.kind.run(ctx, gate.params))
        .then(
          (outcome): Settled => ({ how: 'outcome', outcome }),
          (error: unknown): Settled => ({ how: 'threw', error }),
        ),
      interrupted.promise.then((): Settled => ({ how: 'interrupted' })),
      stopped.promise.then((): Settled => ({ how: 'deadline' })),
    ]);
  } finally {
    clearTimeout(timer);
    clearTimeout(hardTimer);
    interrupted.dispose();
    stopped.dispose();
    await lock.lock?.release();
  }
  if (options.signal.aborted && settled.how !== 'outcome')
    return result('skipped', 'skipped: interrupted');

  let status: CheckStatus;
  let message: string;
  let evidence: Evidence;
  if (settled.how === 'outcome') {
    ({ status, message } = settled.outcome);
    evidence = settled.outcome.evidence ?? {};
  } else if (settled.how === 'threw') {
    status = 'error';
    const converted = deadline.signal.aborted
      ? {
          message: `timed out after ${Math.round(ctx.timeoutMs / 1000)}s: ${errorOutcome(settled.error).message}`,
          evidence: errorOutcome(settled.error).evidence,
        }
      : errorOutcome(settled.error);
    ({ message, evidence } = converted);
  } else {
    status = 'error';
    message = `timed out after ${Math.round(ctx.timeoutMs / 1000)}s without a verdict; raise \`timeout\` on this check or \`timeouts.${spec.kind}\` in lab.yaml if the cluster is slow`;
    evidence = {};
  }
  if (status !== 'passed' && !hasDiagnostics(evidence) && !options.signal.aborted) {
    options.onProgress?.('collecting events and previous logs');
    evidence = {
      ...evidence,
      ...(await diagnoseBounded(options, ctx, diagnosticsTargetFor(gate.params))),
    };
  }
  if (lockNotes.length > 0)
    evidence = { ...evidence, notes: [...(evidence.notes ?? []), ...lockNotes] };
  const hint = settled.how === 'outcome' ? settled.outcome.hint : undefined;
  return result(status, message, evidence, hint ?? spec.hint);
}

/** Diagnostics never hold a result back longer than RUNNER_TIMEOUTS.diagnosticsMs. */
async function diagnoseBounded(
  options: RunCheckOptions,
  ctx: CheckContext,
  target: DiagnosticsTarget,
): Promise<Partial<Diagnostics>> {
  const diagnose = options.diagnose ?? collectPodDiagnostics;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), RUNNER_TIMEOUTS.diagnosticsMs);
  const signal = AbortSignal.any([options.signal, controller.signal]);
  const gaveUp = onAbort(signal);
  try {
    const found = await Promise.race([
      diagnose({ ...ctx, signal }, target).catch(() => undefined),
      gaveUp.promise.then(() => undefined),
    ]);
    if (found === undefined) return {};
    return {
      ...(found.events.length > 0 ? { events: found.events } : {}),
      ...(found.logs.length > 0 ? { logs: found.logs } : {}),
    };
  } finally {
    clearTimeout(timer);
    gaveUp.dispose();
  }
}
