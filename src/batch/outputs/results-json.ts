import { listedRefusals } from '../bounded-list.js';
import type { CheckResult } from '../../model/result.js';
import type {
  JournalApplied,
  JournalEntry,
  JournalGrader,
  JournalStudent,
} from '../journal/journal.js';
import type { ClassView, RowStatus } from './class-view.js';
import { compare, type LabColumn } from './lab-columns.js';

/**
 * `results.json`: everything the journal knows, for scripts. A status at every level (class,
 * student, lab, check), every check with its points, message and evidence (hidden ones included:
 * this file is the instructor's), what was applied or refused, and which kubelab and which
 * Kubernetes version graded it. Keys in a fixed order, students and labs sorted.
 */

export const RESULTS_VERSION = 1;

export interface ResultsLab {
  readonly labId: string;
  readonly title: string;
  readonly status: RowStatus;
  readonly score: number;
  readonly maxScore: number;
  readonly namespace?: string;
  readonly message?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly grader?: JournalGrader;
  readonly applied?: JournalApplied;
  readonly refusals: readonly string[];
  readonly checks: readonly CheckResult[];
}

export interface ResultsStudent extends JournalStudent {
  readonly status: RowStatus;
  readonly score: number;
  readonly maxScore: number;
  readonly labs: readonly ResultsLab[];
}

export interface ResultsDocument {
  readonly version: typeof RESULTS_VERSION;
  /** Every kubelab version that graded an entry ("kubelab 0.1.0"), sorted. */
  readonly kubelab: readonly string[];
  /** Every Kubernetes server version an entry was graded on, sorted. */
  readonly serverVersions: readonly string[];
  readonly contexts: readonly string[];
  readonly status: RowStatus;
  readonly labs: readonly {
    readonly id: string;
    readonly title: string;
    readonly maxScore: number;
  }[];
  readonly students: readonly ResultsStudent[];
}

export function resultsDocument(view: ClassView): ResultsDocument {
  const entries = view.students.flatMap((row) => [...row.byLab.values()]);
  const distinct = (pick: (entry: JournalEntry) => string): string[] =>
    [...new Set(entries.map(pick))].sort(compare);
  const students = view.students.map((row): ResultsStudent => ({
    id: row.student.id,
    ...(row.student.name === undefined ? {} : { name: row.student.name }),
    dir: row.student.dir,
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    labs: view.labs.map((lab) => resultsLab(lab, row.byLab.get(lab.id))),
  }));
  return {
    version: RESULTS_VERSION,
    kubelab: distinct((entry) => entry.grader.version),
    serverVersions: distinct((entry) => entry.grader.serverVersion),
    contexts: distinct((entry) => entry.grader.context),
    status: classStatus(students),
    labs: view.labs.map((lab) => ({ id: lab.id, title: lab.title, maxScore: lab.maxScore })),
    students,
  };
}

export function resultsJson(view: ClassView): string {
  return `${JSON.stringify(resultsDocument(view), null, 2)}\n`;
}

function resultsLab(lab: LabColumn, entry: JournalEntry | undefined): ResultsLab {
  if (entry === undefined) {
    return {
      labId: lab.id,
      title: lab.title,
      status: 'not-graded',
      score: 0,
      maxScore: lab.maxScore,
      refusals: [],
      checks: [],
    };
  }
  const report = entry.report;
  return {
    labId: lab.id,
    title: report.title,
    status: report.status,
    score: report.score,
    maxScore: report.maxScore,
    namespace: entry.namespace,
    ...(report.message === undefined ? {} : { message: report.message }),
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    grader: entry.grader,
    applied: entry.applied,
    refusals: listedRefusals(entry.refusals),
    checks: report.checks,
  };
}

/** The class: error if a student's lab could not run, not-graded if one is missing, passed if all passed. */
function classStatus(students: readonly ResultsStudent[]): RowStatus {
  const statuses = students.map((student) => student.status);
  for (const status of ['error', 'not-graded', 'failed'] as const)
    if (statuses.includes(status)) return status;
  return statuses.length > 0 ? 'passed' : 'not-graded';
}
