/** Bounds on what one student archive may unpack to (a lab submission is a few kilobytes). */
export interface ArchiveLimits {
  /** Entries (files, folders, links) in the archive. Default 2000. */
  readonly maxEntries: number;
  /** One file, uncompressed; larger files are skipped and reported. Default 4 MiB. */
  readonly maxFileBytes: number;
  /** Everything extracted together; past it the whole archive is refused. Default 32 MiB. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2000,
  maxFileBytes: 4 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
};

/** The archive as a whole was refused: corrupt, too many entries, or a size bomb. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  constructor(
    readonly archive: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${archive}: ${message}`, options);
  }
}

/** One entry that was not extracted, and why (reported in the student's feedback). */
export interface SkippedEntry {
  readonly entry: string;
  readonly reason: string;
}
