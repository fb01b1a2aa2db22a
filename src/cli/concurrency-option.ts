import { UsageError } from './errors.js';

/**
 * The most submissions or labs run at once: each holds a namespace, watches and pods on the
 * cluster, and no single cluster grades more than this many in parallel without starving them all.
 */
export const MAX_CONCURRENCY = 100;

/**
 * `--concurrency N` as given (undefined: the command picks from node capacity); a UsageError unless
 * a whole number from 1 to MAX_CONCURRENCY.
 */
export function concurrencyOption(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY))
    throw new UsageError(
      `--concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, got ${value}`,
    );
  return value;
}
