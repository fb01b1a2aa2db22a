import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits, type SkippedEntry } from './archive-limits.js';
import { ExtractSink } from './extract-sink.js';
import { extractTar } from './extract-tar.js';
import { extractZip } from './extract-zip.js';

/** `alice.zip`, `alice.tar.gz`, `alice.tgz` → `alice`; undefined for anything else. */
export function archiveStem(fileName: string): string | undefined {
  const match = /^(.*?)\.(zip|tar\.gz|tgz|tar)$/i.exec(fileName);
  return match === null || match[1] === '' ? undefined : match[1];
}

export interface ExtractedArchive {
  /** A fresh temporary directory holding the safe entries; remove it with `dispose`. */
  readonly dir: string;
  readonly skipped: readonly SkippedEntry[];
  dispose(): Promise<void>;
}

/**
 * Extracts a student's .zip / .tar.gz / .tar into a fresh temporary directory, safely: entries with
 * `..`, absolute paths, links and devices are skipped and listed; files over the per-file bound are
 * skipped; more entries or more bytes than the bounds refuse the whole archive (ArchiveError).
 */
export async function extractArchive(
  archive: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ExtractedArchive> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-submission-'));
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const sink = new ExtractSink(archive, dir, limits);
  try {
    if (/\.zip$/i.test(archive)) await extractZip(archive, sink);
    else await extractTar(archive, sink);
  } catch (error) {
    await dispose();
    throw error;
  }
  const skipped = [...sink.skipped].sort((a, b) => (a.entry < b.entry ? -1 : 1));
  return { dir, skipped, dispose };
}
