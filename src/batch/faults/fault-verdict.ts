import { describeClusterFault, isClusterFault } from '../../cluster/faults/cluster-fault.js';
import type { FaultsSince } from '../../cluster/faults/fault-log.js';
import type { Lab } from '../../model/lab.js';
import type { LabReport } from '../../report/model.js';
import { unGradedReport } from '../submission-report.js';

/** One attempt at grading a submission, as far as deciding whether it is a grade goes. */
export interface GradingAttempt {
  readonly report: LabReport;
  /** Why the submission could not be graded at all (set up, apply), if so. */
  readonly error?: unknown;
  /** The cluster faults the context's connections met while the attempt ran. */
  readonly faults: FaultsSince;
}

/**
 * Why an attempt is not a grade, or undefined when it is one. A cluster fault that stopped the
 * grading (namespace, isolation objects, apply) spoils it; so does any fault met while it ran,
 * unless every check passed: a wait that timed out while the API server was down, a check that
 * errored, and a check skipped because of them all read as the student's failure otherwise. A full
 * score stands: a fault cannot make Kubernetes do what the student's manifests did not ask for.
 */
export function attemptFault(attempt: GradingAttempt): string | undefined {
  if (attempt.error !== undefined && isClusterFault(attempt.error))
    return describeClusterFault(attempt.error);
  if (attempt.faults.count > 0 && attempt.report.status !== 'passed') {
    const what = attempt.faults.latest ?? 'the API server failed';
    return `${what} (${attempt.faults.count} cluster fault(s) while it was graded)`;
  }
  return undefined;
}

/** What the journal keeps for a submission a fault left ungraded: 0 points, status `error`, why. */
export function faultReport(options: {
  readonly lab: Lab;
  readonly namespace: string;
  readonly fault: string;
}): LabReport {
  return unGradedReport({
    lab: options.lab,
    namespace: options.namespace,
    status: 'error',
    message:
      `not graded: ${options.fault}. This is not a grade; ` +
      `run kubelab grade --resume once the cluster is healthy to grade it`,
  });
}
