import { CheckStatus } from '../../model/result.js';
import { latestEntries, type JournalEntry, type JournalStudent } from '../journal/journal.js';
import { compare, labColumns, type LabColumn, type LabInfo } from './lab-columns.js';

/** A lab the student has no journal entry for (not handed in, or not graded yet in this run). */
export const NOT_GRADED = 'not-graded' as const;
export type RowStatus = CheckStatus | typeof NOT_GRADED;

/** One student of the class with their latest entry per lab. */
export interface StudentRow {
  readonly student: JournalStudent;
  /** Latest entry per lab id (labs not graded are absent). */
  readonly byLab: ReadonlyMap<string, JournalEntry>;
  /** Points over every graded lab; labs not graded count 0. */
  readonly score: number;
  /** Sum of every class lab's maximum (graded or not), so totals compare across students. */
  readonly maxScore: number;
  /** passed: every lab passed; error: a lab could not run; not-graded: a lab is missing; else failed. */
  readonly status: RowStatus;
}

/** The whole class: lab columns and one row per student, sorted by student id. */
export interface ClassView {
  readonly labs: readonly LabColumn[];
  readonly students: readonly StudentRow[];
}

/** Builds the class view from journal entries (only the latest per (student, lab) is kept). */
export function classView(entries: readonly JournalEntry[], labs: readonly LabInfo[]): ClassView {
  const latest = latestEntries(entries);
  const columns = labColumns(latest, labs);
  const classMax = columns.reduce((sum, lab) => sum + lab.maxScore, 0);
  const groups = new Map<string, JournalEntry[]>();
  for (const entry of latest)
    groups.set(entry.student.id, [...(groups.get(entry.student.id) ?? []), entry]);
  const students = [...groups.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, own]): StudentRow => {
      const byLab = new Map(own.map((entry) => [entry.labId, entry]));
      return {
        student: studentOf(own),
        byLab,
        score: own.reduce((sum, entry) => sum + entry.report.score, 0),
        maxScore: classMax,
        status: rowStatus(columns, byLab),
      };
    });
  return { labs: columns, students };
}

/** The student as the most recent entry names them (a roster may have added a display name since). */
function studentOf(entries: readonly JournalEntry[]): JournalStudent {
  const newest = [...entries].sort(
    (a, b) => compare(a.finishedAt, b.finishedAt) || compare(a.labId, b.labId),
  );
  return (newest.at(-1) as JournalEntry).student;
}

function rowStatus(
  labs: readonly LabColumn[],
  byLab: ReadonlyMap<string, JournalEntry>,
): RowStatus {
  const statuses = labs.map((lab) => byLab.get(lab.id)?.report.status ?? NOT_GRADED);
  if (statuses.includes(CheckStatus.error)) return CheckStatus.error;
  if (statuses.includes(NOT_GRADED)) return NOT_GRADED;
  return statuses.every((status) => status === CheckStatus.passed)
    ? CheckStatus.passed
    : CheckStatus.failed;
}
