/**
 * `--pass-mark`: the score `kubelab check` must reach to exit 0. Either points (`42`) or a
 * percentage of the maximum (`80%`); full marks when not given.
 */
export type PassMark =
  | { readonly kind: 'points'; readonly points: number }
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'full' };

export const FULL_MARKS: PassMark = { kind: 'full' };

export class PassMarkError extends Error {
  override readonly name = 'PassMarkError';
  constructor(readonly text: string) {
    super(
      `--pass-mark: expected a number of points (42) or a percentage (80%), got ${JSON.stringify(text)}`,
    );
  }
}

/** Parses `42`, `42.5`, `80%`, `100%`; throws PassMarkError on anything else (negative, > 100%). */
export function parsePassMark(text: string): PassMark {
  const trimmed = text.trim();
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(trimmed);
  if (match === null) throw new PassMarkError(text);
  const value = Number(match[1]);
  if (match[2] === '%') {
    if (value > 100) throw new PassMarkError(text);
    return { kind: 'percent', percent: value };
  }
  return { kind: 'points', points: value };
}

/** The pass mark in points for a run whose maximum is `maxScore` (a percentage rounds up). */
export function passMarkPoints(mark: PassMark, maxScore: number): number {
  switch (mark.kind) {
    case 'full':
      return maxScore;
    case 'points':
      return mark.points;
    case 'percent':
      return Math.ceil((maxScore * mark.percent) / 100 - 1e-9);
  }
}

export function formatPassMark(mark: PassMark): string {
  switch (mark.kind) {
    case 'full':
      return 'full marks';
    case 'points':
      return `${mark.points} points`;
    case 'percent':
      return `${mark.percent}%`;
  }
}
