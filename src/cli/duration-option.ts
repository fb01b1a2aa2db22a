import { parseDuration } from '../model/duration.js';
import { UsageError } from './errors.js';

/** A duration option (`--timeout 90s`) in milliseconds; a UsageError naming the option otherwise. */
export function durationOption(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new UsageError(
      `${name}: expected a duration like 90s, 2m or 1m30s, got ${JSON.stringify(text)}`,
    );
  }
  return ms;
}
