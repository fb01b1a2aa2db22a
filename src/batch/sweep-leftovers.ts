import type { Cluster } from '../cluster/cluster.js';
import type { JournalEntry, JournalWriter } from './journal.js';
import { cleanupSubmission } from './submission-cleanup.js';

export interface SweepResult {
  /** `alice/probes`: submissions whose leftovers are gone now, sorted. */
  readonly cleared: readonly string[];
  /** `alice/probes: namespace/…: why`: what is still there. */
  readonly remaining: readonly string[];
}

/**
 * `--resume`, first: deletes what earlier runs' cleanups left (journal entries with `leftovers`),
 * by the submission's labels, with the submission's own cleanup (submission-cleanup.ts). Each
 * entry cleared is journaled again without its leftovers (a later line supersedes), so the next
 * summary no longer lists it.
 */
export async function sweepLeftovers(options: {
  /** The journal's latest entries. */
  readonly entries: readonly JournalEntry[];
  /** The cluster an entry was graded on. */
  readonly clusterFor: (entry: JournalEntry) => Cluster;
  readonly writer: JournalWriter;
  readonly signal: AbortSignal;
}): Promise<SweepResult> {
  const cleared: string[] = [];
  const remaining: string[] = [];
  for (const entry of options.entries) {
    if ((entry.leftovers ?? []).length === 0 || options.signal.aborted) continue;
    const key = `${entry.student.id}/${entry.labId}`;
    let still: readonly string[];
    try {
      ({ left: still } = await cleanupSubmission(options.clusterFor(entry), {
        labId: entry.labId,
        user: entry.student.id,
        namespace: entry.namespace,
        signal: options.signal,
      }));
    } catch (error) {
      remaining.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const rest = withoutLeftovers(entry);
    await options.writer.append(still.length === 0 ? rest : { ...rest, leftovers: still });
    if (still.length === 0) cleared.push(key);
    else remaining.push(...still.map((line) => `${key}: ${line}`));
  }
  return { cleared, remaining };
}

const withoutLeftovers = ({ leftovers: _left, ...rest }: JournalEntry): JournalEntry => rest;
