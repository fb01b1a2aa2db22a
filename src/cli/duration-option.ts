import { durationRangeProblem, parseDuration } from '../model/duration.js';
import { UsageError } from './errors.js';

/**
 * A duration option (`--timeout 90s`) in milliseconds: positive and at most 24h
 * (MAX_DURATION_MS), checked before any work starts; a UsageError naming the option otherwise.
 */
export function durationOption(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new UsageError(
      `${name}: expected a duration like 90s, 2m or 1m30s, got ${JSON.stringify(text)}`,
    );
  }
  const problem = durationRangeProblem(ms, JSON.stringify(text));
  if (problem !== undefined) throw new UsageError(`${name}: ${problem}`);
  return ms;
}
