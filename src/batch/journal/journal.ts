import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LabReport } from '../../report/model.js';
import { journalLine } from './journal-line.js';

/**
 * The batch journal: `<out>/journal.jsonl`, one JSON line per finished (student, lab), appended as
 * each finishes (one write + fsync per line). It is the single source every batch output is rendered
 * from (gradebook, results.json, junit, feedback), so outputs can be rebuilt at any time, after
 * `--resume`, and from several shards' journals (`kubelab merge`).
 *
 * A grader killed mid-write leaves at most one torn last line: readers skip any line that does not
 * parse, so resume regrades that one submission and loses nothing else. A later line for the same
 * (student, lab) supersedes earlier ones (`--regrade`).
 */

export const JOURNAL_FILE = 'journal.jsonl';
export const JOURNAL_VERSION = 1;

/** Who a submission belongs to: the sanitised id (namespace/label-safe) and where it came from. */
export interface JournalStudent {
  /** DNS-label-safe id used in namespaces, labels and output file names. */
  readonly id: string;
  /** The submission's directory or archive name as found under the submissions dir. */
  readonly dir: string;
  /** Display name from the roster, if any. */
  readonly name?: string;
}

/** What happened to one document of the student's submission. */
export interface JournalDocument {
  /** `deploy.yaml:1`: file (relative to the student's lab dir) and line. */
  readonly source: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly status: 'applied' | 'refused' | 'api-error';
  /** Why it was refused (kubelab's policy) or rejected (the API server's own message). */
  readonly reason?: string;
  /** How many refused files this line stands for, when it counts those not listed. */
  readonly count?: number;
}

export interface JournalApplied {
  /** The first documents (see MAX_LISTED_DOCUMENTS); the counts below cover every one. */
  readonly documents: readonly JournalDocument[];
  /** Documents not listed, when there were too many. */
  readonly omittedDocuments?: number;
  readonly appliedCount: number;
  readonly refusedCount: number;
  readonly rejectedCount: number;
}

export interface JournalGrader {
  /** "kubelab 0.1.0". */
  readonly version: string;
  readonly context: string;
  readonly serverVersion: string;
  /** "2/4" when graded as a shard. */
  readonly shard?: string;
}

/** Why a journaled submission is not a grade: a cluster fault spoilt every attempt at it. */
export interface JournalFault {
  /** The fault seen on the last attempt: "the cluster was unreachable (…)". */
  readonly reason: string;
  readonly attempts: number;
}

export interface JournalEntry {
  readonly v: typeof JOURNAL_VERSION;
  readonly student: JournalStudent;
  readonly labId: string;
  readonly namespace: string;
  readonly report: LabReport;
  readonly applied: JournalApplied;
  /** One line per refused or rejected document, for feedback: "kube.yaml:1 Pod x: refused: …". */
  readonly refusals: readonly string[];
  /** ISO times. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly grader: JournalGrader;
  /** Present when the entry is no grade (report status `error`, 0 points): --resume grades it again. */
  readonly fault?: JournalFault;
  /** What the submission's cleanup could not delete ("namespace/x: why"): --resume deletes it. */
  readonly leftovers?: readonly string[];
}

/** An entry that records no grade: a cluster fault left it ungraded. */
export function isUngraded(entry: JournalEntry): boolean {
  return entry.fault !== undefined;
}

export function journalPath(outDir: string): string {
  return join(outDir, JOURNAL_FILE);
}

/** `alice/probes`: the key a journal entry is superseded by. */
export function entryKey(studentId: string, labId: string): string {
  return `${studentId}/${labId}`;
}

/**
 * Appends one entry as one line, then fsyncs, so a finished submission survives a crash. Appends
 * from one process are serialised by the caller's single writer (see JournalWriter); one line is
 * written by one `write` call.
 */
export async function appendJournal(path: string, entry: JournalEntry): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a+');
  try {
    // A torn last line (kill -9 mid-write) must not swallow this one: start on a fresh line.
    const lead = (await endsWithNewline(handle)) ? '' : '\n';
    await handle.appendFile(`${lead}${journalLine(entry)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** Serialises appends from concurrent submissions so lines never interleave. */
export class JournalWriter {
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly path: string) {}

  append(entry: JournalEntry): Promise<void> {
    const next = this.tail.then(() => appendJournal(this.path, entry));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every append so far has been written (or failed). */
  flush(): Promise<void> {
    return this.tail;
  }
}

export interface ParsedJournal {
  /** Every valid entry in file order (superseded ones included). */
  readonly entries: readonly JournalEntry[];
  /** 1-based numbers of lines skipped as torn or invalid. */
  readonly skippedLines: readonly number[];
}

/** Parses journal text; lines that are not a complete v1 entry are skipped, never fatal. */
export function parseJournal(text: string): ParsedJournal {
  const entries: JournalEntry[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseLine(line);
    if (entry === undefined) skippedLines.push(index + 1);
    else entries.push(entry);
  });
  return { entries, skippedLines };
}

function parseLine(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<JournalEntry>;
  if (v.v !== JOURNAL_VERSION) return undefined;
  if (typeof v.labId !== 'string' || typeof v.namespace !== 'string') return undefined;
  if (typeof v.student?.id !== 'string' || typeof v.report?.labId !== 'string') return undefined;
  return value as JournalEntry;
}

/** The latest entry per (student, lab), sorted by student id then lab id. */
export function latestEntries(entries: readonly JournalEntry[]): JournalEntry[] {
  const latest = new Map<string, JournalEntry>();
  for (const entry of entries) latest.set(entryKey(entry.student.id, entry.labId), entry);
  return [...latest.values()].sort(
    (a, b) => compare(a.student.id, b.student.id) || compare(a.labId, b.labId),
  );
}

/**
 * Reads a journal and returns the latest entry per (student, lab), sorted. A missing file is an
 * empty journal; a torn last line (a grader killed mid-write) is ignored.
 */
export async function readJournal(path: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return latestEntries(parseJournal(text).entries);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
