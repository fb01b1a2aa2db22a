import { constants } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes } from '../../model/bounded-read.js';
import { clip, FirstEntries, omittedLine } from '../bounded-list.js';

/** One file of a submission is at most this big (a manifest or answers.yaml is a few kilobytes). */
export const MAX_SUBMISSION_FILE_BYTES = 256 * 1024;
/** Files copied from one lab folder, and how deep. */
export const MAX_SUBMISSION_FILES = 200;
const MAX_DEPTH = 4;

export interface SnapshotProblem {
  /** Path relative to the lab folder, `/`-separated (`…` for the line counting those not listed). */
  readonly path: string;
  readonly reason: string;
  /** How many problems this one stands for: set on the last one when some were not listed. */
  readonly count?: number;
}

export interface Snapshot {
  readonly dir: string;
  /** The first MAX_LISTED problems, then one counting the rest (see bounded-list.ts). */
  readonly problems: readonly SnapshotProblem[];
  dispose(): Promise<void>;
}

/**
 * Copies a student's lab folder into a fresh private directory, regular files only: symbolic links
 * are never followed (a link to /etc/passwd is reported, not read), files over
 * MAX_SUBMISSION_FILE_BYTES are reported, not copied (checked with lstat, never read). Everything
 * the grader then reads (manifests, answers.yaml, static/) comes from the copy. A file with more
 * than one hard link is refused too (its data may be a file outside the submission). Only the first
 * problems are kept, the rest counted, so a folder of 100 000 files costs no more memory than 200.
 */
export async function snapshotSubmission(source: string): Promise<Snapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-grade-'));
  const found = new FirstEntries<SnapshotProblem>();
  const problems = { push: (p: SnapshotProblem): void => found.push({ ...p, path: clip(p.path) }) };
  let files = 0;
  const walk = async (from: string, to: string, rel: string, depth: number): Promise<void> => {
    for (const name of (await readdir(from)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const stats = await lstat(join(from, name));
      if (stats.isSymbolicLink()) {
        problems.push({
          path,
          reason: 'refused: a symbolic link (never followed); copy the file instead',
        });
      } else if (stats.isDirectory()) {
        if (depth >= MAX_DEPTH) {
          problems.push({ path, reason: `refused: folders nested deeper than ${MAX_DEPTH}` });
          continue;
        }
        await mkdir(join(to, name));
        await walk(join(from, name), join(to, name), path, depth + 1);
      } else if (!stats.isFile()) {
        problems.push({ path, reason: 'refused: not a regular file' });
      } else if (stats.nlink > 1) {
        problems.push({
          path,
          reason:
            'refused: a hard link (its data may belong to a file outside the submission); copy the file instead',
        });
      } else if (stats.size > MAX_SUBMISSION_FILE_BYTES) {
        problems.push({
          path,
          reason: `refused: ${formatBytes(stats.size)} is larger than ${formatBytes(MAX_SUBMISSION_FILE_BYTES)}; hand in only the manifests`,
        });
      } else if (files >= MAX_SUBMISSION_FILES) {
        problems.push({ path, reason: `refused: more than ${MAX_SUBMISSION_FILES} files` });
      } else {
        files += 1;
        await copyNoFollow(join(from, name), join(to, name));
      }
    }
  };
  try {
    await walk(source, dir, '', 0);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const listed: SnapshotProblem[] = [...found.items];
  if (found.omitted > 0)
    listed.push({
      path: '…',
      reason: `refused: ${omittedLine(found.omitted, found.total)}`,
      count: found.omitted,
    });
  return { dir, problems: listed, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies one file, refusing to follow a link swapped in since lstat, never reading past the bound. */
async function copyNoFollow(from: string, to: string): Promise<void> {
  const handle = await open(from, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(MAX_SUBMISSION_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_SUBMISSION_FILE_BYTES)
      throw new Error(`${from} grew past the bound while copied`);
    await writeFile(to, buffer.subarray(0, bytesRead), { flag: 'wx', mode: 0o644 });
  } finally {
    await handle.close();
  }
}
