import { Visibility, type CheckResult } from '../model/result.js';
import type { LabReport } from './model.js';

export type Audience = 'student' | 'instructor';

/** What a reader of `audience` sees of a lab: its shown checks, and a tally of the ones left out. */
export interface LabView {
  readonly checks: readonly CheckResult[];
  /** Hidden checks left out for a student; still counted in the lab's score. */
  readonly hidden: { readonly count: number; readonly points: number; readonly maxPoints: number };
}

/** Hidden checks are left out for students (they still count); instructors see everything. */
export function labView(lab: LabReport, audience: Audience): LabView {
  const hiddenChecks =
    audience === 'student' ? lab.checks.filter((c) => c.visibility === Visibility.hidden) : [];
  return {
    checks:
      audience === 'student'
        ? lab.checks.filter((c) => c.visibility !== Visibility.hidden)
        : lab.checks,
    hidden: {
      count: hiddenChecks.length,
      points: hiddenChecks.reduce((sum, c) => sum + c.points, 0),
      maxPoints: hiddenChecks.reduce((sum, c) => sum + c.maxPoints, 0),
    },
  };
}

/** "2 hidden checks: 10/20 points" (empty when none). */
export function hiddenSummary(view: LabView): string {
  const { count, points, maxPoints } = view.hidden;
  if (count === 0) return '';
  return `${count} hidden ${count === 1 ? 'check' : 'checks'}: ${points}/${maxPoints} points`;
}
