/**
 * What a check reports. A check never returns a bare boolean: it returns a status, the points it
 * earned, a message a student can act on, and the evidence it saw (what was expected, the last
 * observed state, events, logs).
 */

export const CheckStatus = {
  passed: 'passed',
  failed: 'failed',
  /** The check could not reach a verdict: API error, timeout while causing a behaviour, bad params. */
  error: 'error',
  /** The check did not run (a check it needs failed, or the lab was interrupted). Scores 0. */
  skipped: 'skipped',
} as const;
export type CheckStatus = (typeof CheckStatus)[keyof typeof CheckStatus];

/** One field that does not match, chainsaw-style: `spec.template.spec.containers[0].livenessProbe: missing`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface LogExcerpt {
  readonly pod: string;
  readonly container: string;
  /** true for `logs --previous` (the container's last terminated instance). */
  readonly previous: boolean;
  readonly text: string;
}

/** What a check saw. Every field is optional; writers render the ones present, in this order. */
export interface Evidence {
  /** What the check expected, in words: "3 pods of Deployment web Ready". */
  readonly expected?: string;
  /** What it last observed, in words or as a short YAML excerpt. */
  readonly observed?: string;
  readonly fieldErrors?: readonly FieldError[];
  /** `kubectl get events`-like lines, oldest first: "Warning BackOff pod/web-1: Back-off restarting…". */
  readonly events?: readonly string[];
  readonly logs?: readonly LogExcerpt[];
  /** Anything else worth showing, one line each (timings, names the grader used). */
  readonly notes?: readonly string[];
}

/** The outcome a check kind's `run` returns. error/skipped come from the runner, not from checks. */
export interface CheckOutcome {
  readonly status: typeof CheckStatus.passed | typeof CheckStatus.failed;
  readonly message: string;
  readonly evidence?: Evidence;
  /**
   * Replaces the lab's hint when the check knows the cause is not in the student's files (a
   * leftover from an earlier run, and the command that clears it).
   */
  readonly hint?: string;
}

export const Visibility = { visible: 'visible', hidden: 'hidden' } as const;
export type Visibility = (typeof Visibility)[keyof typeof Visibility];

/** One check's scored result, as every report writer receives it. */
export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly status: CheckStatus;
  readonly points: number;
  readonly maxPoints: number;
  readonly message: string;
  /** The lab's hint, present when the check did not pass. */
  readonly hint?: string;
  readonly evidence: Evidence;
  readonly visibility: Visibility;
  readonly durationMs: number;
}
