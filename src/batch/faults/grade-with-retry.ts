import type { FaultLog } from '../../cluster/faults/fault-log.js';
import type { Timers } from '../../cluster/watch/timers.js';
import type { Lab } from '../../model/lab.js';
import type { LabReport } from '../../report/model.js';
import { retryOnFault, type FaultRetryPolicy } from './fault-retry.js';
import { attemptFault, faultReport } from './fault-verdict.js';
import type { GradedSubmission } from '../grade-submission.js';
import type { JournalFault } from '../journal/journal.js';

export interface GradeWithRetryOptions {
  /** One attempt: gradeSubmission, from its cleanup of earlier leftovers to its own. */
  readonly grade: () => Promise<GradedSubmission>;
  readonly lab: Lab;
  /** The context's fault log: the faults met while an attempt ran spoil it (see fault-verdict.ts). */
  readonly faults: FaultLog;
  /** Resolves once the API server answers ready again. */
  readonly ready: (signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  /** Default DEFAULT_FAULT_RETRY. */
  readonly policy?: FaultRetryPolicy;
  /** Default real time. */
  readonly timers?: Timers;
  readonly onRetry?: (retry: { readonly attempt: number; readonly fault: string }) => void;
}

export interface GradedWithRetry {
  /** The last attempt (its applied documents, refusals, times and leftovers are journaled). */
  readonly graded: GradedSubmission;
  /** Its report, or — when a fault spoilt every attempt — the ungraded report saying so. */
  readonly report: LabReport;
  readonly fault: JournalFault | undefined;
}

/**
 * Grades a submission; while a cluster fault spoils the result, waits for the API server and grades
 * it again from scratch (bounded). A fault on the last attempt gives no grade: status `error`,
 * 0 points, the fault named, and `fault` set so --resume grades it again.
 */
export async function gradeWithRetry(options: GradeWithRetryOptions): Promise<GradedWithRetry> {
  const { faults } = options;
  const retried = await retryOnFault({
    attempt: async () => {
      const mark = faults.mark();
      const graded = await options.grade();
      return { graded, faults: faults.since(mark) };
    },
    faultOf: ({ graded, faults: seen }) =>
      attemptFault({ report: graded.report, error: graded.error, faults: seen }),
    ready: options.ready,
    signal: options.signal,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(options.timers === undefined ? {} : { timers: options.timers }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  });
  const { graded } = retried.result;
  if (retried.fault === undefined) return { graded, report: graded.report, fault: undefined };
  return {
    graded,
    report: faultReport({
      lab: options.lab,
      namespace: graded.report.namespace,
      fault: retried.fault,
    }),
    fault: { reason: retried.fault, attempts: retried.attempts },
  };
}
