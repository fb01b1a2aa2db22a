import type { Lab } from './lab.js';

/** One row of `kubelab list`. */
export interface LabSummary {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly checks: number;
}

/** What `kubelab list` shows of a lab. */
export function labSummary(lab: Lab): LabSummary {
  return {
    id: lab.id,
    title: lab.title,
    points: lab.checks.reduce((sum, check) => sum + check.points, 0),
    checks: lab.checks.length,
  };
}
