import { stringify } from 'csv-stringify/sync';
import type { JournalEntry } from '../journal/journal.js';
import type { ClassView, StudentRow } from './class-view.js';

/**
 * `gradebook.csv`, as an LMS imports it: one row per student sorted by id, with the sanitised id,
 * the display name, the submission's directory name (so the instructor sees how ids were derived),
 * one score column per lab, the total and the maximum. With `detail`, one column per check
 * (`<lab>/<check>`, lab.yaml order) follows. An empty cell means "not graded"; `error` means a
 * cluster fault left the submission without a grade (`kubelab grade --resume` grades it), so an
 * LMS import stops on it instead of taking a 0.
 */

/** The cell of a submission a cluster fault left ungraded. */
export const UNGRADED_CELL = 'error';

/** Spreadsheets run cells starting with these as formulas (CSV injection): such text is quoted with '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A student-controlled text cell, defused for spreadsheets. */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function gradebookCsv(view: ClassView, options: { readonly detail: boolean }): string {
  const header = [
    'student_id',
    'name',
    'source',
    ...view.labs.map((lab) => lab.id),
    'total',
    'max',
  ];
  if (options.detail)
    header.push(...view.labs.flatMap((lab) => lab.checks.map((c) => `${lab.id}/${c.checkId}`)));
  const rows = view.students.map((row) => gradebookRow(view, row, options.detail));
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

function gradebookRow(view: ClassView, row: StudentRow, detail: boolean): string[] {
  const cells = [
    safeCell(row.student.id),
    safeCell(row.student.name ?? ''),
    safeCell(row.student.dir),
    ...view.labs.map((lab) => labCell(row.byLab.get(lab.id))),
    String(row.score),
    String(row.maxScore),
  ];
  if (detail) {
    for (const lab of view.labs) {
      if (row.byLab.get(lab.id)?.fault !== undefined) {
        cells.push(...lab.checks.map(() => UNGRADED_CELL));
        continue;
      }
      const checks = new Map(
        (row.byLab.get(lab.id)?.report.checks ?? []).map((check) => [check.id, check.points]),
      );
      cells.push(...lab.checks.map((column) => scoreCell(checks.get(column.checkId))));
    }
  }
  return cells;
}

const labCell = (entry: JournalEntry | undefined): string =>
  entry?.fault !== undefined ? UNGRADED_CELL : scoreCell(entry?.report.score);

const scoreCell = (points: number | undefined): string =>
  points === undefined ? '' : String(points);
