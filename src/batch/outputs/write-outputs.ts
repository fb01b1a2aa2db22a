import type { Audience } from '../../report/audience.js';
import type { JournalEntry } from '../journal/journal.js';
import { classView } from './class-view.js';
import { feedbackHtml, feedbackMarkdown } from './feedback.js';
import { gradebookCsv } from './gradebook.js';
import { gradescopeJson } from './gradescope.js';
import { classJunit } from './junit.js';
import type { LabInfo } from './lab-columns.js';
import { resultsJson } from './results-json.js';
import { studentFile, writeOutputFile } from './output-file.js';
import { summaryHtml } from './summary-html.js';

export const OUTPUT_FILES = {
  gradebook: 'gradebook.csv',
  results: 'results.json',
  junit: 'junit.xml',
  summary: 'summary.html',
  gradescopeDir: 'results',
  feedbackDir: 'feedback',
} as const;

export interface GradingOutputsOptions {
  /** Journal entries; only the latest per (student, lab) counts (see latestEntries). */
  readonly entries: readonly JournalEntry[];
  /** The labs graded, for titles and check order (a lab missing here is described from its reports). */
  readonly labs: readonly LabInfo[];
  readonly outDir: string;
  /** Per-check columns `<lab>/<check>` in gradebook.csv. Default false. */
  readonly detail?: boolean;
  /**
   * Who reads the per-student feedback pages. Default 'student': hidden checks are left out of
   * them (still scored). 'instructor' keeps them, for a review copy.
   */
  readonly audience?: Audience;
}

/** Paths written, relative to outDir, sorted. */
export interface GradingOutputs {
  readonly files: readonly string[];
  readonly students: number;
}

/**
 * Renders every batch output from journal entries: gradebook.csv, results.json, junit.xml,
 * summary.html, results/<student>.json (Gradescope) and feedback/<student>.{md,html}. Pure rendering
 * (no clock): the same journal gives the same bytes. Each file is replaced whole.
 */
export async function writeGradingOutputs(options: GradingOutputsOptions): Promise<GradingOutputs> {
  const view = classView(options.entries, options.labs);
  const audience = options.audience ?? 'student';
  const files = new Map<string, string>([
    [OUTPUT_FILES.gradebook, gradebookCsv(view, { detail: options.detail ?? false })],
    [OUTPUT_FILES.results, resultsJson(view)],
    [OUTPUT_FILES.junit, classJunit(view)],
    [
      OUTPUT_FILES.summary,
      summaryHtml(view, {
        studentPage: (id) => studentFile(OUTPUT_FILES.feedbackDir, id, 'html'),
      }),
    ],
  ]);
  for (const row of view.students) {
    const id = row.student.id;
    files.set(studentFile(OUTPUT_FILES.gradescopeDir, id, 'json'), gradescopeJson(row, view.labs));
    const feedback = { audience, labs: view.labs };
    files.set(studentFile(OUTPUT_FILES.feedbackDir, id, 'md'), feedbackMarkdown(row, feedback));
    files.set(studentFile(OUTPUT_FILES.feedbackDir, id, 'html'), feedbackHtml(row, feedback));
  }
  const names = [...files.keys()].sort();
  for (const name of names) await writeOutputFile(options.outDir, name, files.get(name) as string);
  return { files: names, students: view.students.length };
}
