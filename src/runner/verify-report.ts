import type { CheckResult, CheckStatus } from '../model/result.js';
import type { LabReport, Report, ReportHeader } from '../report/model.js';
import type { VerifyResult } from './verify.js';

/** One line per check of a phase's run, for the evidence of a verify testcase. */
function checkLines(report: LabReport): string[] {
  return report.checks.map((c) => `${c.id}: ${c.status} (${c.points}/${c.maxPoints}) ${c.message}`);
}

function testcase(options: {
  id: string;
  title: string;
  mismatches: readonly string[];
  phase: LabReport;
  passedMessage: string;
}): CheckResult {
  const passed = options.mismatches.length === 0;
  const status: CheckStatus = passed
    ? 'passed'
    : options.phase.status === 'error'
      ? 'error'
      : 'failed';
  return {
    id: options.id,
    title: options.title,
    kind: 'verify',
    status,
    points: passed ? 1 : 0,
    maxPoints: 1,
    message: passed ? options.passedMessage : options.mismatches.join('\n'),
    ...(passed
      ? {}
      : { hint: 'run `kubelab verify <lab>` locally and compare the checks with lab.yaml' }),
    evidence: { notes: checkLines(options.phase) },
    visibility: 'visible',
    durationMs: options.phase.durationMs,
  };
}

/**
 * `kubelab verify` results as a Report any writer renders (JUnit in CI): each lab becomes one
 * suite with two testcases, "solution scores 100" and "starter fails exactly <ids>".
 */
export function verifyReport(results: readonly VerifyResult[], header: ReportHeader): Report {
  const labs = [...results]
    .sort((a, b) => a.labId.localeCompare(b.labId))
    .map((result): LabReport => {
      const solutionProblems = result.mismatches.filter((m) => m.startsWith('solution:'));
      const starterProblems = result.mismatches.filter((m) => m.startsWith('starter:'));
      const starterIds = result.starter.checks
        .filter((c) => c.status !== 'passed')
        .map((c) => c.id);
      const checks = [
        testcase({
          id: 'solution',
          title: 'solution scores 100',
          mismatches: solutionProblems,
          phase: result.solution,
          passedMessage: `solution scored ${result.solution.score}/${result.solution.maxScore}`,
        }),
        testcase({
          id: 'starter',
          title: `starter fails exactly ${starterIds.length > 0 ? starterIds.join(', ') : 'the checks verify.starterFails names'}`,
          mismatches: starterProblems,
          phase: result.starter,
          passedMessage: `starter failed exactly ${starterIds.join(', ')}`,
        }),
      ];
      const score = checks.reduce((sum, c) => sum + c.points, 0);
      return {
        labId: result.labId,
        title: result.solution.title,
        namespace: result.solution.namespace,
        status: result.ok ? 'passed' : 'failed',
        score,
        maxScore: checks.length,
        checks,
        durationMs: result.durationMs,
      };
    });
  const score = labs.reduce((sum, l) => sum + l.score, 0);
  const maxScore = labs.reduce((sum, l) => sum + l.maxScore, 0);
  return {
    header,
    status: labs.every((l) => l.status === 'passed') ? 'passed' : 'failed',
    score,
    maxScore,
    passMark: maxScore,
    labs,
  };
}
