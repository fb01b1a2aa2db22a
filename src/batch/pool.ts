/**
 * Runs `work` over `items` with at most `concurrency` at once, starting them in the given order.
 * Once `signal` is aborted no new item starts; the ones running are left to finish (they see the
 * same signal) and `runPool` resolves when they have. An item that throws stops new starts too;
 * the first error is rethrown once the running items have settled (nothing is left running).
 */
export async function runPool<T>(options: {
  readonly items: readonly T[];
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly work: (item: T) => Promise<void>;
}): Promise<{ started: number }> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!options.signal.aborted && failure === undefined && next < options.items.length) {
      const item = options.items[next] as T;
      next += 1;
      try {
        await options.work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, options.items.length));
  await Promise.all(Array.from({ length: lanes }, () => worker()));
  if (failure !== undefined) throw failure.error;
  return { started: next };
}
