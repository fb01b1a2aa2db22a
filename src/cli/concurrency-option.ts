import { UsageError } from './errors.js';

/** `--concurrency N` as given (undefined: the command picks from node capacity); a UsageError unless a whole number ≥ 1. */
export function concurrencyOption(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1))
    throw new UsageError(`--concurrency: expected a whole number ≥ 1, got ${value}`);
  return value;
}
