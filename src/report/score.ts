import type { CheckSpec, Lab } from '../model/lab.js';
import { CheckStatus, type CheckResult, type Evidence } from '../model/result.js';
import type { LabReport, Report, ReportHeader } from './model.js';

/**
 * Scoring, in one place: every check result and lab report kubelab builds (run, skipped,
 * interrupted, could not run, not handed in, verify's testcases) comes from here. A check earns its
 * points only when it passed; failed, error and skipped earn 0, whatever a caller put in `points`
 * (no result is never a pass). A lab passes when it scores its maximum; a report passes when its
 * score reaches the pass mark.
 */

/** What scoring reads of a check's spec. */
export type ScoredSpec = Pick<
  CheckSpec,
  'id' | 'title' | 'kind' | 'points' | 'hint' | 'visibility'
>;

/** The most a lab can score: the sum of its checks' points. */
export function maxScore(lab: { readonly checks: readonly Pick<CheckSpec, 'points'>[] }): number {
  return lab.checks.reduce((sum, spec) => sum + spec.points, 0);
}

/**
 * The scored result of one check. The hint is attached when the check did not pass: `hint` when
 * given (a check that knows the cause is not in the student's files), else the spec's.
 */
export function checkResult(options: {
  readonly spec: ScoredSpec;
  readonly status: CheckStatus;
  readonly message: string;
  readonly evidence?: Evidence;
  readonly durationMs: number;
  /** Replaces the spec's hint. Default: spec.hint. */
  readonly hint?: string;
}): CheckResult {
  const { spec, status } = options;
  return {
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    status,
    points: status === CheckStatus.passed ? spec.points : 0,
    maxPoints: spec.points,
    message: options.message,
    ...(status === CheckStatus.passed ? {} : { hint: options.hint ?? spec.hint }),
    evidence: options.evidence ?? {},
    visibility: spec.visibility,
    durationMs: Math.max(0, Math.round(options.durationMs)),
  };
}

/**
 * One lab's report. Results are put in lab.yaml order; a check with no result becomes `skipped`
 * ("no result recorded"), and a result for no check of the lab is dropped. `message` says why the
 * whole lab could not run; it makes the lab's status `error`.
 */
export function labReport(options: {
  readonly lab: Pick<Lab, 'id' | 'title'> & { readonly checks: readonly ScoredSpec[] };
  readonly namespace: string;
  readonly results: readonly CheckResult[];
  readonly durationMs: number;
  readonly message?: string;
}): LabReport {
  const byId = new Map(options.results.map((result) => [result.id, result]));
  const checks = options.lab.checks.map((spec) => {
    const result = byId.get(spec.id);
    if (result === undefined) {
      return checkResult({
        spec,
        status: CheckStatus.skipped,
        message: options.message ?? 'no result recorded for this check; it did not run',
        durationMs: 0,
      });
    }
    // Never trust the points a caller computed: re-derive them from the status and the spec.
    return {
      ...result,
      points: result.status === CheckStatus.passed ? spec.points : 0,
      maxPoints: spec.points,
    };
  });
  const score = checks.reduce((sum, check) => sum + check.points, 0);
  const max = maxScore(options.lab);
  const status =
    options.message !== undefined
      ? CheckStatus.error
      : checks.every((check) => check.status === CheckStatus.passed) && score === max
        ? CheckStatus.passed
        : CheckStatus.failed;
  return {
    labId: options.lab.id,
    title: options.lab.title,
    namespace: options.namespace,
    status,
    score,
    maxScore: max,
    ...(options.message === undefined ? {} : { message: options.message }),
    checks,
    durationMs: Math.max(0, Math.round(options.durationMs)),
  };
}

/** Every check of the lab, skipped with `message` ("skipped: interrupted"), 0 points, no time. */
export function skippedResults(lab: Pick<Lab, 'checks'>, message: string): CheckResult[] {
  return lab.checks.map((spec) =>
    checkResult({ spec, status: CheckStatus.skipped, message, durationMs: 0 }),
  );
}

/**
 * A lab report for a lab whose checks did not run: 0 of `maxScore`, with `status` and `message`
 * saying why (could not be graded, could not be set up, interrupted, not handed in). `checks` are
 * the results to list (skippedResults), none by default.
 */
export function unrunLabReport(options: {
  readonly lab: Pick<Lab, 'id' | 'title'>;
  readonly maxScore: number;
  readonly namespace: string;
  readonly status:
    typeof CheckStatus.failed | typeof CheckStatus.error | typeof CheckStatus.skipped;
  readonly message: string;
  readonly checks?: readonly CheckResult[];
}): LabReport {
  return {
    labId: options.lab.id,
    title: options.lab.title,
    namespace: options.namespace,
    status: options.status,
    score: 0,
    maxScore: options.maxScore,
    message: options.message,
    checks: options.checks ?? [],
    durationMs: 0,
  };
}

/**
 * The whole report, labs sorted by id. `passMark` is in points (default: every point, i.e. all labs
 * passed). Status: passed when the score reaches the pass mark and at least one lab ran; error when it
 * does not and a lab could not run at all; failed otherwise.
 */
export function report(options: {
  readonly header: ReportHeader;
  readonly labs: readonly LabReport[];
  readonly passMark?: number;
}): Report {
  const labs = [...options.labs].sort((a, b) =>
    a.labId < b.labId ? -1 : a.labId > b.labId ? 1 : 0,
  );
  const score = labs.reduce((sum, lab) => sum + lab.score, 0);
  const maxScore = labs.reduce((sum, lab) => sum + lab.maxScore, 0);
  const passMark = options.passMark ?? maxScore;
  const status =
    labs.length > 0 && score >= passMark
      ? CheckStatus.passed
      : labs.some((lab) => lab.status === CheckStatus.error)
        ? CheckStatus.error
        : CheckStatus.failed;
  return { header: options.header, status, score, maxScore, passMark, labs };
}
