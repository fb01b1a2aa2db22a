import type { RunSummary } from '../batch/faults/run-summary.js';
import { ExitCode } from './exit-codes.js';

/**
 * `kubelab grade`'s exit code once it ran to the end: 0 when every submission has a grade and
 * nothing was left on the cluster; 2 otherwise — a submission a cluster fault left ungraded is work
 * kubelab could not do, whatever the scores, and a script must not take the gradebook as final.
 */
export function gradeExitCode(summary: RunSummary): ExitCode {
  return summary.complete ? ExitCode.ok : ExitCode.error;
}
