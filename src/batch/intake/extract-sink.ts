import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatBytes } from '../../model/bounded-read.js';
import { ArchiveError, type ArchiveLimits, type SkippedEntry } from './archive-limits.js';
import { safeEntryPath } from './archive-path.js';

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/**
 * Where archive readers (zip, tar) put entries: checks each name and size, counts entries and
 * bytes, and writes regular files only, inside `dest`. Links and devices are never created.
 */
export class ExtractSink {
  readonly skipped: SkippedEntry[] = [];
  private entries = 0;
  private total = 0;

  constructor(
    readonly archive: string,
    readonly dest: string,
    readonly limits: ArchiveLimits,
  ) {}

  /** Counts an entry; returns the safe relative path to write to, or undefined when skipped. */
  admit(name: string, type: EntryType, declaredSize: number): string | undefined {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new ArchiveError(
        this.archive,
        `more than ${this.limits.maxEntries} entries; expected a few lab folders. Hand in only the manifests.`,
      );
    }
    const verdict = safeEntryPath(name);
    if (!verdict.ok) return this.skip(name, `refused: ${verdict.reason}`);
    if (type === 'symlink') return this.skip(name, 'refused: a symbolic or hard link');
    if (type === 'other') return this.skip(name, 'refused: not a regular file or folder');
    if (type === 'file' && declaredSize > this.limits.maxFileBytes) return this.tooBig(name);
    return verdict.path;
  }

  tooBig(name: string): undefined {
    return this.skip(
      name,
      `refused: larger than ${formatBytes(this.limits.maxFileBytes)} uncompressed`,
    );
  }

  /** Adds bytes actually read; past the total bound the whole archive is refused. */
  count(bytes: number): void {
    this.total += bytes;
    if (this.total > this.limits.maxTotalBytes) {
      throw new ArchiveError(
        this.archive,
        `unpacks to more than ${formatBytes(this.limits.maxTotalBytes)}; expected a few kilobytes of manifests (a size bomb?)`,
      );
    }
  }

  async directory(path: string): Promise<void> {
    await mkdir(join(this.dest, path), { recursive: true });
  }

  /** Writes a file's content (already bounded by the reader); `wx` never follows or overwrites. */
  async file(path: string, content: Buffer): Promise<void> {
    const target = join(this.dest, path);
    await mkdir(dirname(target), { recursive: true });
    await rm(target, { force: true, recursive: true });
    await writeFile(target, content, { flag: 'wx', mode: 0o644 });
  }

  skip(entry: string, reason: string): undefined {
    this.skipped.push({ entry, reason });
    return undefined;
  }
}
