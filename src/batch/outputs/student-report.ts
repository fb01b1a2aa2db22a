import { CheckStatus } from '../../model/result.js';
import type { LabReport, Report } from '../../report/model.js';
import { report, unrunLabReport } from '../../report/score.js';
import type { JournalEntry, JournalStudent } from '../journal/journal.js';
import type { StudentRow } from './class-view.js';
import { compare, type LabColumn } from './lab-columns.js';

/** What the report header says of the grading cluster (no server URL: feedback goes to students). */
export const BATCH_SERVER_LABEL = 'batch grading';

/** `Alice Martin (alice)`, or the id alone. */
export function studentLabel(student: JournalStudent): string {
  return student.name === undefined || student.name === ''
    ? student.id
    : `${student.name} (${student.id})`;
}

/**
 * One student's graded labs as a Report, so the single-run writers (markdown, html, junit) render
 * batch results too. The header's time is the earliest start among the student's entries, and its
 * grader the latest entry's: both come from the journal, so the same journal gives the same bytes.
 * With `classLabs`, every class lab the student has no entry for is added as not handed in (0
 * points, its maximum counted), so the page's total is gradebook.csv's `total`/`max`.
 */
export function studentReport(row: StudentRow, classLabs: readonly LabColumn[] = []): Report {
  const entries = [...row.byLab.values()];
  const byStart = [...entries].sort((a, b) => compare(a.startedAt, b.startedAt));
  const byFinish = [...entries].sort((a, b) => compare(a.finishedAt, b.finishedAt));
  const first = byStart[0] as JournalEntry;
  const last = byFinish.at(-1) as JournalEntry;
  const missing = classLabs.filter((lab) => !row.byLab.has(lab.id)).map(notHandedIn);
  return report({
    header: {
      tool: last.grader.version,
      context: last.grader.context,
      server: BATCH_SERVER_LABEL,
      serverVersion: last.grader.serverVersion,
      startedAt: first.startedAt,
      student: studentLabel(row.student),
    },
    labs: [...entries.map((entry) => entry.report), ...missing],
  });
}

/** A class lab with no submission from the student: skipped, 0 of its maximum, and saying why. */
export function notHandedIn(lab: LabColumn): LabReport {
  return unrunLabReport({
    lab,
    maxScore: lab.maxScore,
    namespace: '',
    status: CheckStatus.skipped,
    message: `Not handed in: no submission for lab ${lab.id} was graded, so it scores 0/${lab.maxScore}.`,
  });
}
