import { readFile } from 'node:fs/promises';
import { entryKey, JOURNAL_FILE, parseJournal, type JournalEntry } from '../journal/journal.js';
import { compare } from './lab-columns.js';
import { writeOutputFile } from './output-file.js';

/** What one input journal contributed. */
export interface JournalSource {
  readonly path: string;
  readonly entries: number;
  /** 1-based numbers of torn or invalid lines skipped. */
  readonly skippedLines: readonly number[];
}

export interface MergedJournals {
  /** The winning entry per (student, lab), sorted by student id then lab id. */
  readonly entries: readonly JournalEntry[];
  readonly sources: readonly JournalSource[];
  /** Entries that lost to a later one for the same (student, lab). */
  readonly superseded: number;
}

/** A journal named on the command line cannot be read. */
export class JournalReadError extends Error {
  override readonly name = 'JournalReadError';
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `cannot read journal ${path}; expected a journal.jsonl written by kubelab grade. Check the path (each shard writes <out>/journal.jsonl).`,
      options,
    );
  }
}

/**
 * Which of two entries for the same (student, lab) wins: the later `finishedAt`; on a tie, the one
 * whose JSON sorts last, so the result never depends on the order the journals were given in.
 */
export function newerEntry(a: JournalEntry, b: JournalEntry): JournalEntry {
  const byTime = compare(a.finishedAt, b.finishedAt);
  if (byTime !== 0) return byTime > 0 ? a : b;
  return compare(JSON.stringify(a), JSON.stringify(b)) >= 0 ? a : b;
}

/** Merges parsed entries from any number of journals: the newest entry per (student, lab) wins. */
export function mergeEntries(entries: readonly JournalEntry[]): {
  entries: JournalEntry[];
  superseded: number;
} {
  const winners = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const key = entryKey(entry.student.id, entry.labId);
    const current = winners.get(key);
    winners.set(key, current === undefined ? entry : newerEntry(current, entry));
  }
  const merged = [...winners.values()].sort(
    (a, b) => compare(a.student.id, b.student.id) || compare(a.labId, b.labId),
  );
  return { entries: merged, superseded: entries.length - merged.length };
}

/** Reads every journal (torn lines skipped and counted) and merges them. */
export async function mergeJournals(paths: readonly string[]): Promise<MergedJournals> {
  const all: JournalEntry[] = [];
  const sources: JournalSource[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw new JournalReadError(path, { cause: error });
    });
    const parsed = parseJournal(text);
    all.push(...parsed.entries);
    sources.push({ path, entries: parsed.entries.length, skippedLines: parsed.skippedLines });
  }
  const { entries, superseded } = mergeEntries(all);
  return { entries, sources, superseded };
}

/** Writes the merged entries as `<outDir>/journal.jsonl`, sorted, one line each (replaced whole). */
export async function writeMergedJournal(
  outDir: string,
  entries: readonly JournalEntry[],
): Promise<void> {
  await writeOutputFile(
    outDir,
    JOURNAL_FILE,
    entries.map((e) => `${JSON.stringify(e)}\n`).join(''),
  );
}
