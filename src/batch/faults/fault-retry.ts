import { realTimers, type Timers } from '../../cluster/watch/timers.js';

/** How a submission disturbed by a cluster fault is graded again. */
export interface FaultRetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The first pause before asking the API server whether it is ready; doubles per unanswered probe. */
  readonly baseDelayMs: number;
  /** The longest pause between two probes. */
  readonly maxDelayMs: number;
  /** How long the API server may stay unready before the submission is given up (recorded `error`). */
  readonly recoveryMs: number;
}

/**
 * Three attempts: an API-server restart (~25 s) costs one regrade, a second fault in the same
 * submission a second one. Probes start after 1 s and back off to every 15 s; a cluster not ready
 * again after 5 min is down, not blinking, and the submission is recorded ungraded rather than
 * holding its lane for ever.
 */
export const DEFAULT_FAULT_RETRY: FaultRetryPolicy = {
  attempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 15_000,
  recoveryMs: 300_000,
};

export interface RetryOnFaultOptions<T> {
  /** Grades once (attempt numbers start at 1). */
  readonly attempt: (attempt: number) => Promise<T>;
  /** Why this result is not a grade (a cluster fault touched it), or undefined when it is one. */
  readonly faultOf: (result: T) => string | undefined;
  /** Resolves once the API server answers ready; rejects while it does not. */
  readonly ready: (signal: AbortSignal) => Promise<void>;
  /** The run's signal: once aborted, no new attempt starts. */
  readonly signal: AbortSignal;
  /** Default DEFAULT_FAULT_RETRY. */
  readonly policy?: FaultRetryPolicy;
  /** Default realTimers. */
  readonly timers?: Timers;
  /** Told before each new attempt, with the fault that spoilt the previous one. */
  readonly onRetry?: (retry: { readonly attempt: number; readonly fault: string }) => void;
}

export interface RetriedResult<T> {
  /** The last attempt's result. */
  readonly result: T;
  readonly attempts: number;
  /** Why the last attempt is still not a grade; undefined when it is one. */
  readonly fault: string | undefined;
}

/**
 * Grades, and while a cluster fault spoilt the result, waits for the API server to be ready again
 * (probing with backoff, bounded by `recoveryMs`) and grades again, at most `attempts` times.
 * A fault on the last attempt, or a server that does not come back, is returned as `fault`.
 */
export async function retryOnFault<T>(options: RetryOnFaultOptions<T>): Promise<RetriedResult<T>> {
  const policy = options.policy ?? DEFAULT_FAULT_RETRY;
  const timers = options.timers ?? realTimers;
  for (let attempt = 1; ; attempt += 1) {
    const result = await options.attempt(attempt);
    const fault = options.faultOf(result);
    if (fault === undefined || options.signal.aborted) return { result, attempts: attempt, fault };
    if (attempt >= policy.attempts)
      return { result, attempts: attempt, fault: `${fault} (on each of ${attempt} attempts)` };
    if (!(await untilReady({ ready: options.ready, policy, timers, signal: options.signal }))) {
      const seconds = Math.round(policy.recoveryMs / 1000);
      return {
        result,
        attempts: attempt,
        fault: `${fault}; the API server was not ready again within ${seconds}s`,
      };
    }
    options.onRetry?.({ attempt: attempt + 1, fault });
  }
}

/** Probes after 1, 2, 4… s (at most maxDelayMs apart) until ready; false past recoveryMs or on abort. */
async function untilReady(options: {
  readonly ready: (signal: AbortSignal) => Promise<void>;
  readonly policy: FaultRetryPolicy;
  readonly timers: Timers;
  readonly signal: AbortSignal;
}): Promise<boolean> {
  const { policy, timers, signal } = options;
  const started = timers.now();
  for (let probe = 0; ; probe += 1) {
    const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** probe);
    if (timers.now() - started + delay > policy.recoveryMs) return false;
    await pause(timers, delay, signal);
    if (signal.aborted) return false;
    try {
      await options.ready(signal);
      return true;
    } catch {
      // not ready yet: back off and ask again
    }
  }
}

/** Resolves after `ms` on `timers`, or at once when `signal` aborts. */
function pause(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const cancel = timers.setTimeout(done, ms);
    const onAbort = (): void => {
      cancel();
      done();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
