/** Injectable time, so the wait and backoff logic is tested without sleeping. */
export interface Timers {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** Reconnect backoff: 250ms doubling per attempt, at most 8s (a watch that keeps failing is retried ~every 8s). */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 8_000;

export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
}
