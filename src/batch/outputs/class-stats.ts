import { CheckStatus } from '../../model/result.js';
import type { ClassView } from './class-view.js';
import { compare } from './lab-columns.js';

/** Statistics of one lab over the students graded on it. */
export interface LabStats {
  readonly labId: string;
  readonly title: string;
  readonly maxScore: number;
  /** Scores of the graded students, ascending. */
  readonly scores: readonly number[];
  readonly graded: number;
  readonly passed: number;
  readonly mean: number;
  readonly median: number;
}

/** A check and how many graded students did not pass it. */
export interface FailedCheck {
  readonly labId: string;
  readonly checkId: string;
  readonly title: string;
  readonly failed: number;
  readonly graded: number;
}

export function labStats(view: ClassView): LabStats[] {
  return view.labs.map((lab) => {
    const reports = view.students.flatMap((row) => {
      const entry = row.byLab.get(lab.id);
      // A submission a cluster fault left ungraded has no score to count.
      return entry === undefined || entry.fault !== undefined ? [] : [entry.report];
    });
    const scores = reports.map((report) => report.score).sort((a, b) => a - b);
    const mean = scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
    return {
      labId: lab.id,
      title: lab.title,
      maxScore: lab.maxScore,
      scores,
      graded: scores.length,
      passed: reports.filter((report) => report.status === CheckStatus.passed).length,
      mean: Math.round(mean * 10) / 10,
      median: median(scores),
    };
  });
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * The checks most students did not pass (failed, error or skipped), by rate: the highest share of
 * the students graded on the check's lab first (2 of 3 before 2 of 4, as labs are graded by different
 * numbers of students); equal rates by count, then lab id, then check order. Checks every graded
 * student passed are left out; at most `limit` are returned.
 */
export function mostFailedChecks(view: ClassView, limit: number): FailedCheck[] {
  const found: (FailedCheck & { order: number })[] = [];
  for (const lab of view.labs) {
    lab.checks.forEach((column, order) => {
      let failed = 0;
      let graded = 0;
      for (const row of view.students) {
        const entry = row.byLab.get(lab.id);
        const check = entry?.report.checks.find((c) => c.id === column.checkId);
        if (check === undefined || entry?.fault !== undefined) continue;
        graded += 1;
        if (check.status !== CheckStatus.passed) failed += 1;
      }
      if (failed > 0)
        found.push({
          labId: lab.id,
          checkId: column.checkId,
          title: column.title,
          failed,
          graded,
          order,
        });
    });
  }
  return found
    .sort(
      (a, b) =>
        // a.failed / a.graded against b.failed / b.graded, in integers (graded > 0 here).
        b.failed * a.graded - a.failed * b.graded ||
        b.failed - a.failed ||
        compare(a.labId, b.labId) ||
        a.order - b.order,
    )
    .slice(0, limit)
    .map(({ order: _order, ...check }) => check);
}
