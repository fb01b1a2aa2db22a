import type { Lab } from '../model/lab.js';
import { maxScore } from '../report/score.js';

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
    points: maxScore(lab),
    checks: lab.checks.length,
  };
}
