import type { JournalEntry } from '../src/batch/journal/journal.js';
import type { Lab } from '../src/model/lab.js';
import { solutionMismatches, starterMismatches } from '../src/runner/verify-verdict.js';
import type { SyntheticStudent } from './synthetic-class.js';

/**
 * Whether each graded submission got what its reference folder earns, as `kubelab verify` judges
 * it: a copied solution/ scores full marks, a copied starter/ fails exactly verify.starterFails.
 * A benchmark that is fast but grades wrongly under load measures nothing.
 */
export function unexpectedScores(options: {
  readonly entries: readonly JournalEntry[];
  readonly students: readonly SyntheticStudent[];
  readonly labs: ReadonlyMap<string, Lab>;
}): { readonly submission: string; readonly problem: string }[] {
  const problems: { submission: string; problem: string }[] = [];
  for (const entry of options.entries) {
    const submission = `${entry.student.dir}/${entry.labId}`;
    const handedIn = options.students.find((s) => s.dir === entry.student.dir)?.handedIn[
      entry.labId
    ];
    const lab = options.labs.get(entry.labId);
    if (handedIn === undefined || lab === undefined) {
      problems.push({ submission, problem: 'not part of the synthetic class' });
      continue;
    }
    const found =
      handedIn === 'solution'
        ? solutionMismatches(entry.report, [])
        : starterMismatches(lab, entry.report);
    problems.push(...found.map((problem) => ({ submission, problem })));
  }
  return problems;
}
