import { cleanupAll } from '../cluster/cleanup.js';
import type { Cluster } from '../cluster/cluster.js';
import { SUBMISSION_CLEANUP_TIMEOUT_MS } from './grade-submission.js';
import type { JournalEntry, JournalWriter } from './journal.js';

export interface SweepResult {
  /** `alice/probes`: submissions whose leftovers are gone now, sorted. */
  readonly cleared: readonly string[];
  /** `alice/probes: namespace/…: why`: what is still there. */
  readonly remaining: readonly string[];
}

/**
 * `--resume`, first: deletes what earlier runs' cleanups left (journal entries with `leftovers`),
 * by the submission's labels, as the submission's own cleanup does. Each entry cleared is journaled
 * again without its leftovers (a later line supersedes), so the next summary no longer lists it.
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
    let still: string[];
    try {
      const summary = await cleanupAll(options.clusterFor(entry), {
        labId: entry.labId,
        user: entry.student.id,
        timeoutMs: SUBMISSION_CLEANUP_TIMEOUT_MS,
        signal: options.signal,
      });
      still = summary.stuck.map((s) => `${s.object}: ${s.reason}`);
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
