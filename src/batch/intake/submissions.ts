import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveStem, extractArchive } from './archive.js';
import type { SkippedEntry } from './archive-limits.js';
import { summariseLines } from '../bounded-list.js';
import { DuplicateSubmissionError } from './duplicate-submission-error.js';
import type { JournalStudent } from '../journal/journal.js';
import type { RosterEntry } from './roster.js';
import { assignStudentIds } from './student-id.js';

/** One student's submission as found under the submissions directory. */
export interface Submission {
  readonly student: JournalStudent;
  /** The folder holding `<lab-id>/` folders (an extracted archive's temp dir for archives). */
  readonly root: string | undefined;
  /** Lab folders present in `root`, sorted. */
  readonly labs: readonly string[];
  /** Archive entries that were refused, or why the whole archive or folder was refused. */
  readonly problems: readonly string[];
  dispose(): Promise<void>;
}

export interface DiscoverOptions {
  readonly dir: string;
  readonly roster?: ReadonlyMap<string, RosterEntry>;
  /** Known lab ids: only folders named like one count as lab submissions. */
  readonly knownLabs: ReadonlySet<string>;
}

interface Found {
  readonly dir: string;
  /** The entry's own name in the submissions directory (`alice.zip`). */
  readonly name: string;
  readonly path: string;
  readonly archive: boolean;
}

/**
 * Lists the submissions: each folder `<student>/` or archive `<student>.zip|.tar.gz|.tgz|.tar`
 * (extracted safely into a temp dir). Symbolic links at the top level are refused. Ids come from
 * the roster's id column or the folder name, sanitised (see student-id.ts); ids that sanitise alike
 * are told apart, never dropped. Two entries of one student (`alice/` and `alice.zip`, or one roster
 * id for two folders) are a DuplicateSubmissionError before anything is extracted. Sorted by id.
 */
export async function discoverSubmissions(options: DiscoverOptions): Promise<Submission[]> {
  const found: Found[] = [];
  const refused: { dir: string; name: string; reason: string }[] = [];
  for (const name of (await readdir(options.dir)).sort()) {
    if (/^\.[^.]/.test(name)) continue; // .DS_Store, .git: hidden, not a student (`..x` is one)
    const path = join(options.dir, name);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) {
      refused.push({ dir: name, name, reason: 'refused: a symbolic link (never followed)' });
    } else if (stats.isDirectory()) found.push({ dir: name, name, path, archive: false });
    else if (stats.isFile() && archiveStem(name) !== undefined)
      found.push({ dir: archiveStem(name) as string, name, path, archive: true });
  }
  const rawOf = (dir: string): string => options.roster?.get(dir)?.id ?? dir;
  refuseDuplicates([...found, ...refused].map((entry) => ({ ...entry, raw: rawOf(entry.dir) })));
  const all = [...found.map((f) => f.dir), ...refused.map((r) => r.dir)];
  const ids = assignStudentIds(all.map(rawOf));
  const studentOf = (dir: string): JournalStudent => {
    const name = options.roster?.get(dir)?.name;
    return { id: ids.get(rawOf(dir)) as string, dir, ...(name === undefined ? {} : { name }) };
  };
  const submissions: Submission[] = refused.map((r) => ({
    student: studentOf(r.dir),
    root: undefined,
    labs: [],
    problems: [`${r.dir}: ${r.reason}`],
    dispose: () => Promise.resolve(),
  }));
  for (const f of found) submissions.push(await open(f, studentOf(f.dir), options.knownLabs));
  return submissions.sort((a, b) =>
    a.student.id < b.student.id ? -1 : a.student.id > b.student.id ? 1 : 0,
  );
}

/** The first student with two entries (folder and archive, or one roster id twice), as an error. */
function refuseDuplicates(entries: readonly { name: string; raw: string }[]): void {
  const byRaw = new Map<string, string[]>();
  for (const entry of entries) byRaw.set(entry.raw, [...(byRaw.get(entry.raw) ?? []), entry.name]);
  const clash = [...byRaw]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .find(([, names]) => names.length > 1);
  if (clash !== undefined) throw new DuplicateSubmissionError(clash[0], [...clash[1]].sort());
}

async function open(
  found: Found,
  student: JournalStudent,
  knownLabs: ReadonlySet<string>,
): Promise<Submission> {
  if (!found.archive) {
    return {
      student,
      root: found.path,
      labs: await labFolders(found.path, knownLabs),
      problems: [],
      dispose: () => Promise.resolve(),
    };
  }
  try {
    const extracted = await extractArchive(found.path);
    const root = await unwrap(extracted.dir, knownLabs);
    return {
      student,
      root,
      labs: await labFolders(root, knownLabs),
      problems: summariseLines(extracted.skipped.map(describeSkipped)),
      dispose: extracted.dispose,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      student,
      root: undefined,
      labs: [],
      problems: [`archive refused: ${reason}`],
      dispose: () => Promise.resolve(),
    };
  }
}

function describeSkipped(entry: SkippedEntry): string {
  return `archive entry ${JSON.stringify(entry.entry)}: ${entry.reason}`;
}

/** An archive holding one folder `alice/` with the lab folders inside: look inside it. */
async function unwrap(dir: string, knownLabs: ReadonlySet<string>): Promise<string> {
  if ((await labFolders(dir, knownLabs)).length > 0) return dir;
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory());
  if (folders.length === 1 && entries.length === 1)
    return join(dir, (folders[0] as { name: string }).name);
  return dir;
}

async function labFolders(root: string, knownLabs: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && knownLabs.has(e.name))
    .map((e) => e.name)
    .sort();
}
