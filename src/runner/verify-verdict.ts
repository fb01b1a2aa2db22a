import type { Lab } from '../model/lab.js';
import type { LabReport } from '../report/model.js';

/** What is wrong with the solution's run: apply problems and every check that did not pass. */
export function solutionMismatches(report: LabReport, applyProblems: readonly string[]): string[] {
  const problems = applyProblems.map((p) => `solution: ${p}`);
  for (const check of report.checks) {
    if (check.status !== 'passed')
      problems.push(`solution: ${check.id} ${check.status}: ${check.message}`);
  }
  if (report.checks.length > 0 && report.score !== report.maxScore && problems.length === 0) {
    problems.push(
      `solution: scored ${report.score}/${report.maxScore}, expected ${report.maxScore}`,
    );
  }
  return problems;
}

/** Compares the starter's non-passed checks with verify.starterFails, both ways, sorted by check order. */
export function starterMismatches(
  lab: Pick<Lab, 'verify' | 'checks'>,
  report: LabReport,
): string[] {
  if (report.status === 'error') return [`starter: ${report.message ?? 'could not run'}`];
  if (report.status === 'skipped') return ['starter: not run (interrupted)'];
  if (lab.verify === undefined)
    return [
      'starter: lab.yaml has no verify.starterFails; expected the checks the starter must fail',
    ];
  const expected = new Set(lab.verify.starterFails);
  const problems: string[] = [];
  for (const check of report.checks) {
    const failed = check.status !== 'passed';
    if (failed && !expected.has(check.id)) {
      problems.push(
        `starter: ${check.id} ${check.status} but is not in verify.starterFails: ${check.message}`,
      );
    }
    if (!failed && expected.has(check.id)) {
      problems.push(
        `starter: ${check.id} passed but verify.starterFails says the starter must fail it`,
      );
    }
  }
  for (const id of [...expected].sort()) {
    if (!report.checks.some((c) => c.id === id))
      problems.push(`starter: verify.starterFails names ${id}, which is not a check of this lab`);
  }
  return problems;
}
