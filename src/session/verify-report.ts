import type { CheckResult } from '../model/result.js';
import type { LabReport, Report, ReportHeader } from '../report/model.js';
import { checkResult, labReport, report, type ScoredSpec } from '../report/score.js';
import type { VerifyResult } from './verify.js';

/** One line per check of a phase's run, for the evidence of a verify testcase. */
function checkLines(report: LabReport): string[] {
  return report.checks.map((c) => `${c.id}: ${c.status} (${c.points}/${c.maxPoints}) ${c.message}`);
}

/** A verify testcase is a check worth 1 point, scored like any other (see report/score.ts). */
function testcaseSpec(id: string, title: string): ScoredSpec {
  return {
    id,
    title,
    kind: 'verify',
    points: 1,
    hint: 'run `kubelab verify <lab>` locally and compare the checks with lab.yaml',
    visibility: 'visible',
  };
}

function testcase(options: {
  spec: ScoredSpec;
  mismatches: readonly string[];
  phase: LabReport;
  passedMessage: string;
}): CheckResult {
  const passed = options.mismatches.length === 0;
  return checkResult({
    spec: options.spec,
    status: passed ? 'passed' : options.phase.status === 'error' ? 'error' : 'failed',
    message: passed ? options.passedMessage : options.mismatches.join('\n'),
    evidence: { notes: checkLines(options.phase) },
    durationMs: options.phase.durationMs,
  });
}

/**
 * `kubelab verify` results as a Report any writer renders (JUnit in CI): each lab becomes one
 * suite with two testcases, "solution scores 100" and "starter fails exactly <ids>". A lab passes
 * when both testcases pass, i.e. when its verify result has no mismatch.
 */
export function verifyReport(results: readonly VerifyResult[], header: ReportHeader): Report {
  const labs = results.map((result): LabReport => {
    const solutionProblems = result.mismatches.filter((m) => m.startsWith('solution:'));
    const starterProblems = result.mismatches.filter((m) => m.startsWith('starter:'));
    const starterIds = result.starter.checks.filter((c) => c.status !== 'passed').map((c) => c.id);
    const specs = [
      testcaseSpec('solution', 'solution scores 100'),
      testcaseSpec(
        'starter',
        `starter fails exactly ${starterIds.length > 0 ? starterIds.join(', ') : 'the checks verify.starterFails names'}`,
      ),
    ] as const;
    const checks = [
      testcase({
        spec: specs[0],
        mismatches: solutionProblems,
        phase: result.solution,
        passedMessage: `solution scored ${result.solution.score}/${result.solution.maxScore}`,
      }),
      testcase({
        spec: specs[1],
        mismatches: starterProblems,
        phase: result.starter,
        passedMessage: `starter failed exactly ${starterIds.join(', ')}`,
      }),
    ];
    return labReport({
      lab: { id: result.labId, title: result.solution.title, checks: specs },
      namespace: result.solution.namespace,
      results: checks,
      durationMs: result.durationMs,
    });
  });
  return report({ header, labs });
}
