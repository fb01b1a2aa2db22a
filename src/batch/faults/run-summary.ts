import { isUngraded, type JournalEntry } from '../journal/journal.js';

/** What a grading run must tell its user beyond the scores: work left ungraded, objects left behind. */
export interface RunSummary {
  /** Lines for stderr, empty when there is nothing to say. */
  readonly lines: readonly string[];
  /** false when a submission is ungraded or something was left on the cluster: the run did not finish its job. */
  readonly complete: boolean;
}

/**
 * Sums up the journal after a run (earlier runs included: a fault left by one is still there until
 * --resume grades it). Entries come sorted from readJournal, so the lines are deterministic.
 */
export function runSummary(entries: readonly JournalEntry[]): RunSummary {
  const ungraded = entries.filter(isUngraded);
  const left = entries.flatMap((entry) =>
    (entry.leftovers ?? []).map((object) => `${entry.student.id}/${entry.labId}: ${object}`),
  );
  const lines: string[] = [];
  if (ungraded.length > 0) {
    lines.push(
      `ungraded ${ungraded.length}: a cluster fault spoilt every attempt at them, so they have no grade ` +
        `(status error in the gradebook and feedback); run kubelab grade --resume to grade them:`,
      ...ungraded.map((e) => `  ${e.student.id}/${e.labId}: ${e.fault?.reason ?? ''}`),
    );
  }
  if (left.length > 0) {
    lines.push(
      `left on the cluster: ${left.length} object(s) the cleanup could not delete; kubelab grade --resume deletes them:`,
      ...left.map((line) => `  ${line}`),
    );
  }
  return { lines, complete: lines.length === 0 };
}
