import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { FileTooLargeError, readBoundedText } from '../model/bounded-read.js';
import { NotTextError } from '../model/not-text-error.js';

/** One manifest file is at most this big (a lab's manifests are a few kilobytes). */
export const MAX_MANIFEST_FILE_BYTES = 256 * 1024;
/** All manifests of one submission together: bounds what a student hands in. */
export const MAX_MANIFEST_TOTAL_BYTES = 2 * 1024 * 1024;
/** Files read from one directory; more is refused rather than silently cut. */
export const MAX_MANIFEST_FILES = 100;

const MANIFEST_EXTENSION = /\.ya?ml$/i;

/**
 * The top-level names an `extraFiles` list covers: `answers.yaml`, `./answers.yaml` and `static/`
 * name `answers.yaml` and `static`; entries inside a sub-folder (`notes/a.yaml`) name nothing at the
 * top level, since only the top level is read.
 */
export function skippedNames(extraFiles: readonly string[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const entry of extraFiles) {
    const parts = entry.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 1 && parts[0] !== undefined && parts[0] !== '..') names.add(parts[0]);
  }
  return names;
}

export interface ManifestFile {
  /** `solution/web.yaml`: the directory's last segment and the file name, for messages. */
  readonly source: string;
  readonly text: string;
}

export interface ManifestFileProblem {
  readonly source: string;
  readonly reason: string;
}

/**
 * Reads the `*.yaml` / `*.yml` files of one directory (not its subdirectories), sorted by name,
 * safely: a symlink pointing out of the directory, a file over MAX_MANIFEST_FILE_BYTES, or more
 * than MAX_MANIFEST_TOTAL_BYTES in all is reported as a problem and not read.
 */
export async function readManifestDir(
  dir: string,
  label: string,
  /** The lab's `extraFiles` (`answers.yaml`, `static/`): relative to `dir`, never read as manifests. */
  skip: readonly string[] = [],
): Promise<{ files: ManifestFile[]; problems: ManifestFileProblem[] }> {
  const root = await realpath(dir);
  const skipped = skippedNames(skip);
  const entries = (await readdir(root))
    .filter((name) => MANIFEST_EXTENSION.test(name) && !skipped.has(name))
    .sort();
  const files: ManifestFile[] = [];
  const problems: ManifestFileProblem[] = [];
  let total = 0;
  for (const [index, name] of entries.entries()) {
    const source = `${label}/${name}`;
    if (index >= MAX_MANIFEST_FILES) {
      problems.push({
        source,
        reason: `more than ${MAX_MANIFEST_FILES} manifest files; this one was not read`,
      });
      continue;
    }
    const path = join(root, name);
    const stats = await lstat(path);
    let target = path;
    if (stats.isSymbolicLink()) {
      target = await realpath(path).catch(() => '');
      const rel = target === '' ? '..' : relative(root, target);
      const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
      if (!inside) {
        problems.push({
          source,
          reason: 'a symbolic link pointing out of the directory; copy the file instead',
        });
        continue;
      }
    }
    if (!(await lstat(target)).isFile()) {
      problems.push({ source, reason: 'not a regular file' });
      continue;
    }
    try {
      const text = await readBoundedText(target, {
        maxBytes: MAX_MANIFEST_FILE_BYTES,
        displayName: source,
      });
      total += Buffer.byteLength(text, 'utf8');
      if (total > MAX_MANIFEST_TOTAL_BYTES) {
        problems.push({
          source,
          reason: `the manifests together exceed ${MAX_MANIFEST_TOTAL_BYTES} bytes; this one was not applied`,
        });
        continue;
      }
      files.push({ source, text });
    } catch (error) {
      if (error instanceof FileTooLargeError || error instanceof NotTextError)
        problems.push({ source, reason: error.message });
      else throw error;
    }
  }
  return { files, problems };
}
