import type { CheckSpec, Lab } from '../../model/lab.js';
import type { Visibility } from '../../model/result.js';
import { maxScore } from '../../report/score.js';
import type { JournalEntry } from '../journal/journal.js';

/** What the outputs need of a lab: its id, title and checks in lab.yaml order. */
export type LabInfo = Pick<Lab, 'id' | 'title'> & {
  readonly checks: readonly Pick<CheckSpec, 'id' | 'title' | 'points' | 'visibility'>[];
};

/** One check column of the class: `probes/liveness`. */
export interface CheckColumn {
  readonly labId: string;
  readonly checkId: string;
  readonly title: string;
  readonly maxPoints: number;
  readonly visibility: Visibility;
}

/** One lab column of the class, with its checks in lab.yaml order. */
export interface LabColumn {
  readonly id: string;
  readonly title: string;
  readonly maxScore: number;
  readonly checks: readonly CheckColumn[];
}

/**
 * The labs the class was graded on: every lab id some entry holds, sorted by id. A lab found in
 * `labs` gives its title and checks (lab.yaml order); a lab no longer in the labs directory (a journal
 * from another kubelab version) is described from the first report graded on it.
 */
export function labColumns(
  entries: readonly JournalEntry[],
  labs: readonly LabInfo[],
): LabColumn[] {
  const known = new Map(labs.map((lab) => [lab.id, lab]));
  const ids = [...new Set(entries.map((entry) => entry.labId))].sort(compare);
  return ids.map((id) => {
    const lab = known.get(id);
    if (lab !== undefined) {
      return {
        id,
        title: lab.title,
        maxScore: maxScore(lab),
        checks: lab.checks.map((check) => ({
          labId: id,
          checkId: check.id,
          title: check.title,
          maxPoints: check.points,
          visibility: check.visibility,
        })),
      };
    }
    const report = entries.find((entry) => entry.labId === id)?.report;
    return {
      id,
      title: report?.title ?? id,
      maxScore: report?.maxScore ?? 0,
      checks: (report?.checks ?? []).map((check) => ({
        labId: id,
        checkId: check.id,
        title: check.title,
        maxPoints: check.maxPoints,
        visibility: check.visibility,
      })),
    };
  });
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
