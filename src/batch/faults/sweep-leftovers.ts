import type { Cluster } from '../../cluster/cluster.js';
import type { JournalEntry, JournalWriter } from '../journal/journal.js';
import { cleanupSubmission } from '../../session/submission-cleanup.js';

export interface SweepResult {
  /** `alice/probes`: submissions whose leftovers are gone now, sorted. */
  readonly cleared: readonly string[];
  /**
   * `alice/probes: why`: submissions whose leftovers could not even be looked at (API server down,
   * context not in this run); their journal entries keep their leftovers. What a sweep found still
   * there is journaled again instead, and listed by the run summary.
   */
  readonly notSwept: readonly string[];
}

/**
 * `--resume`, first: deletes what earlier runs' cleanups left (journal entries with `leftovers`),
 * by the submission's labels, with the submission's own cleanup (submission-cleanup.ts). Each entry
 * swept is journaled again with what is still there (a later line supersedes), so the next summary
 * no longer lists what is gone.
 */
export async function sweepLeftovers(options: {
  /** The journal's latest entries. */
  readonly entries: readonly JournalEntry[];
  /** The cluster an entry was graded on; undefined when this run does not reach its context. */
  readonly clusterFor: (entry: JournalEntry) => Cluster | undefined;
  readonly writer: JournalWriter;
  readonly signal: AbortSignal;
}): Promise<SweepResult> {
  const cleared: string[] = [];
  const notSwept: string[] = [];
  for (const entry of options.entries) {
    if ((entry.leftovers ?? []).length === 0 || options.signal.aborted) continue;
    const key = `${entry.student.id}/${entry.labId}`;
    const cluster = options.clusterFor(entry);
    if (cluster === undefined) {
      notSwept.push(
        `${key}: graded on context ${entry.grader.context}, which this run does not grade on; ` +
          `expected it among --contexts, so run kubelab grade --resume --contexts ${entry.grader.context} to delete them`,
      );
      continue;
    }
    let still: readonly string[];
    try {
      ({ left: still } = await cleanupSubmission(cluster, {
        labId: entry.labId,
        user: entry.student.id,
        namespace: entry.namespace,
        signal: options.signal,
      }));
    } catch (error) {
      notSwept.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const rest = withoutLeftovers(entry);
    await options.writer.append(still.length === 0 ? rest : { ...rest, leftovers: still });
    if (still.length === 0) cleared.push(key);
  }
  return { cleared, notSwept };
}

const withoutLeftovers = ({ leftovers: _left, ...rest }: JournalEntry): JournalEntry => rest;
