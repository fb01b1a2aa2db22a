import { listedRefusals } from '../bounded-list.js';
import type { CheckResult } from '../../model/result.js';
import { Visibility } from '../../model/result.js';
import { evidenceText, summariseEvidence } from '../../report/evidence-summary.js';
import { cleanText } from '../../report/status-labels.js';
import type { JournalEntry } from '../journal/journal.js';
import type { StudentRow } from './class-view.js';
import type { LabColumn } from './lab-columns.js';

/**
 * `results/<student>.json` in Gradescope's autograder format (the results.json an autograder writes
 * to /autograder/results/): `score`, `max_score`, `execution_time`, `output`, and one test per check
 * with `name`, `score`, `max_score`, `status` (passed | failed), `output` and `visibility`. Hidden
 * checks are included with visibility `hidden` (scored; Gradescope never shows them to students);
 * others are `visible`. A lab with no graded entry is one failed test worth the lab's maximum.
 */

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  readonly score: number;
  readonly max_score: number;
  /** Seconds spent grading this student's labs. */
  readonly execution_time: number;
  readonly output: string;
  readonly visibility: GradescopeVisibility;
  readonly stdout_visibility: GradescopeVisibility;
  readonly tests: readonly GradescopeTest[];
  readonly extra_data: { readonly student: string; readonly source: string };
}

export function gradescopeResults(row: StudentRow, labs: readonly LabColumn[]): GradescopeResults {
  const tests = labs.flatMap((lab) => labTests(lab, row.byLab.get(lab.id)));
  const graded = [...row.byLab.values()];
  const durationMs = graded.reduce((sum, entry) => sum + entry.report.durationMs, 0);
  return {
    score: row.score,
    max_score: row.maxScore,
    execution_time: Math.round(durationMs / 1000),
    output: overallOutput(labs, row),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: { student: row.student.id, source: row.student.dir },
  };
}

export function gradescopeJson(row: StudentRow, labs: readonly LabColumn[]): string {
  return `${JSON.stringify(gradescopeResults(row, labs), null, 2)}\n`;
}

function labTests(lab: LabColumn, entry: JournalEntry | undefined): GradescopeTest[] {
  if (entry === undefined) {
    return [
      {
        name: `${lab.id}: not graded`,
        number: `${lab.id}`,
        score: 0,
        max_score: lab.maxScore,
        status: 'failed',
        output: `No submission for lab ${lab.id} was graded.`,
        visibility: 'visible',
      },
    ];
  }
  return entry.report.checks.map((check, index) => ({
    name: `${lab.id}: ${cleanText(check.title)}`,
    number: `${lab.id}.${index + 1}`,
    score: check.points,
    max_score: check.maxPoints,
    status: check.status === 'passed' ? 'passed' : 'failed',
    output: checkOutput(check),
    visibility: check.visibility === Visibility.hidden ? 'hidden' : 'visible',
  }));
}

function checkOutput(check: CheckResult): string {
  const lines = [`${check.status}: ${cleanText(check.message)}`];
  if (check.hint !== undefined) lines.push(`hint: ${cleanText(check.hint)}`);
  lines.push(...evidenceText(summariseEvidence(check.evidence)));
  return lines.join('\n');
}

/** Per lab: its score, why it could not run, and every refused document. */
function overallOutput(labs: readonly LabColumn[], row: StudentRow): string {
  const lines: string[] = [];
  for (const lab of labs) {
    const entry = row.byLab.get(lab.id);
    if (entry === undefined) {
      lines.push(`${lab.id}: not graded (0/${lab.maxScore})`);
      continue;
    }
    lines.push(`${lab.id}: ${entry.report.score}/${entry.report.maxScore} ${entry.report.status}`);
    if (entry.report.message !== undefined) lines.push(`  ${cleanText(entry.report.message)}`);
    lines.push(
      ...listedRefusals(entry.refusals).map((refusal) => `  refused: ${cleanText(refusal)}`),
    );
  }
  return lines.join('\n');
}
