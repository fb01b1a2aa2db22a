import type {
  CheckContext,
  KubeObject,
  ListRef,
  WaitCondition,
} from '../../src/check-api/index.js';

/**
 * Time kept back at the end of a check's timeout to gather events and previous logs, so the check
 * reaches its own verdict (failed, with evidence) before the runner's deadline turns it into an
 * error. Five seconds covers a handful of events and logs calls on a busy API server.
 */
export const DIAGNOSTICS_RESERVE_MS = 5_000;

/** Milliseconds a check may still spend waiting, from `startedAt` (Date.now()) on. */
export function remainingBudget(ctx: CheckContext, startedAt: number): number {
  const reserve = Math.min(DIAGNOSTICS_RESERVE_MS, ctx.timeoutMs * 0.2);
  return Math.max(1, ctx.timeoutMs - reserve - (Date.now() - startedAt));
}

export type WaitVerdict<R> =
  | { readonly met: true; readonly value: R }
  /** The deadline passed (or the condition became impossible); `errors` say what was still missing. */
  | { readonly met: false; readonly errors: readonly string[]; readonly impossible: boolean };

export function isWaitTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'WaitTimeoutError';
}

/**
 * Cluster.waitFor, with the deadline turned into a verdict instead of an exception: a check that
 * waits for pods to be Ready fails (with what it last saw) when they never are. Other errors
 * (API errors, interruption) still throw, and the runner reports them as `error`.
 */
export async function waitVerdict<T extends KubeObject, R>(
  ctx: CheckContext,
  ref: ListRef,
  condition: WaitCondition<T, R>,
  timeoutMs: number,
): Promise<WaitVerdict<R>> {
  let lastErrors: readonly string[] = [];
  const recording: WaitCondition<T, R> = {
    description: condition.description,
    check(objects) {
      const state = condition.check(objects);
      if (state.state === 'pending') lastErrors = state.errors;
      return state;
    },
  };
  ctx.progress(`waiting for ${condition.description}`);
  try {
    const value = await ctx.cluster.waitFor(ref, recording, {
      timeoutMs,
      signal: ctx.signal,
      onProgress: (status) => ctx.progress(`waiting for ${condition.description}: ${status}`),
    });
    return { met: true, value };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (isWaitTimeout(error)) return { met: false, errors: lastErrors, impossible: false };
    if (error instanceof Error && error.name === 'WaitImpossibleError') {
      const reason = (error as Error & { reason?: unknown }).reason;
      return {
        met: false,
        errors: [typeof reason === 'string' ? reason : error.message],
        impossible: true,
      };
    }
    throw error;
  }
}
