import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * The longest duration kubelab accepts (options and lab.yaml): 24 hours. No check or submission
 * needs longer, and it stays far below Node's timer ceiling (2^31 - 1 ms, about 24.8 days), past
 * which a timer fires at once and `AbortSignal.timeout` throws a RangeError.
 */
export const MAX_DURATION_MS = 24 * UNIT_MS.h;

/**
 * Why `ms` is not a usable duration (`expected …, got …`), or undefined when it is one:
 * positive and at most MAX_DURATION_MS.
 */
export function durationRangeProblem(ms: number, text: string): string | undefined {
  if (ms > 0 && ms <= MAX_DURATION_MS) return undefined;
  return ms <= 0
    ? `expected a duration above 0, got ${text}`
    : `expected at most 24h, got ${text}; use a shorter duration`;
}

/** `90s`, `2m`, `1m30s`, `500ms`, or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(re)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    consumed += match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? Math.round(total) : undefined;
}

/** A duration in lab.yaml: a string like `90s` or a number of seconds; parsed to milliseconds. */
export const Duration = z.union([z.number().positive(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? Math.round(value * 1000) : parseDuration(value);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration like 90s, 2m or 1m30s, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  const problem = durationRangeProblem(ms, JSON.stringify(value));
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return ms;
});

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}
