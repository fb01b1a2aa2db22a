import { CheckStatus } from '../../model/result.js';
import { STATUS_SYMBOL } from '../../report/status-labels.js';

/**
 * The legend of `summary.html`: what each status, the "–" of a lab not handed in, the total and the
 * "most failed" order mean. Fixed text (no student data), so nothing here needs escaping.
 */

const STATUS_MEANING: Readonly<Record<CheckStatus, string>> = {
  passed: 'every check of the lab passed: full points.',
  failed:
    'the lab ran and at least one check did not pass; the score counts the checks that passed.',
  error:
    'kubelab could not grade it: for a lab, its namespace could not be created or the submission ' +
    'could not be applied; for a check, the cluster answered with an error or did not reach the ' +
    'state the check causes in time. It scores 0 (no result is never a pass) and the student’s ' +
    'page says why: fix the cause (often the cluster, not the student) and grade the student again.',
  skipped:
    'a check that did not run, because a check it needs did not pass or the run was interrupted: 0 points.',
};

const ORDER = [
  CheckStatus.passed,
  CheckStatus.failed,
  CheckStatus.error,
  CheckStatus.skipped,
] as const;

export function summaryLegend(): string {
  return [
    '<section id="legend">',
    '<h2>Legend</h2>',
    '<dl>',
    ...ORDER.map(
      (status) =>
        `<dt><span class="${status}">${STATUS_SYMBOL[status]} ${status}</span></dt><dd>${STATUS_MEANING[status]}</dd>`,
    ),
    '<dt>error in Scores</dt><dd>a cluster fault spoilt every attempt at the submission: it has no grade yet (gradebook.csv says error too) and its lab’s statistics leave it out; run kubelab grade --resume once the cluster is healthy to grade it.</dd>',
    '<dt>– in Scores</dt><dd>no submission of the student was graded for that lab (not handed in): 0 points, its maximum still counts in the total.</dd>',
    '<dt>Total</dt><dd>the student’s points over every lab of the class, out of the sum of every lab’s maximum: the same numbers as gradebook.csv and the student’s page.</dd>',
    '<dt>Checks most students did not pass</dt><dd>ordered by rate: the share of the students graded on the lab who did not pass the check (failed, error or skipped), highest first.</dd>',
    '<dt>Student id</dt><dd>links to the student’s feedback page (feedback/&lt;id&gt;.html), as the student sees it.</dd>',
    '</dl>',
    '</section>',
  ].join('\n');
}
