/**
 * Runs `work` over `items` with at most `concurrency` at once, starting them in the given order.
 * Items that share an `exclusiveKey` never run at the same time (node-level labs share their
 * node's key): a free lane starts the first waiting item whose key is free, so work waiting for a
 * busy key never holds up the items behind it.
 *
 * Once `signal` is aborted no new item starts; the ones running are left to finish (they see the
 * same signal) and `runPool` resolves when they have. An item that throws stops new starts too;
 * the first error is rethrown once the running items have settled (nothing is left running).
 */
export function runPool<T>(options: {
  readonly items: readonly T[];
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly work: (item: T) => Promise<void>;
  /** Items with the same key run one at a time; undefined (the default) for none. */
  readonly exclusiveKey?: (item: T) => string | undefined;
}): Promise<{ started: number }> {
  const waiting = [...options.items];
  const held = new Set<string>();
  const lanes = Math.max(1, options.concurrency);
  let running = 0;
  let started = 0;
  let failure: { error: unknown } | undefined;
  return new Promise((resolve, reject) => {
    const startable = (item: T): boolean => {
      const key = options.exclusiveKey?.(item);
      return key === undefined || !held.has(key);
    };
    const pump = (): void => {
      while (!options.signal.aborted && failure === undefined && running < lanes) {
        const at = waiting.findIndex(startable);
        if (at === -1) break;
        const item = waiting.splice(at, 1)[0] as T;
        const key = options.exclusiveKey?.(item);
        if (key !== undefined) held.add(key);
        running += 1;
        started += 1;
        let done: Promise<void>;
        try {
          done = options.work(item);
        } catch (error) {
          done = Promise.reject(error);
        }
        void done
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            running -= 1;
            if (key !== undefined) held.delete(key);
            pump();
          });
      }
      if (running > 0) return;
      if (failure !== undefined) reject(failure.error);
      else resolve({ started });
    };
    pump();
  });
}
