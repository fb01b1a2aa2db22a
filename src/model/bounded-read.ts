import { open } from 'node:fs/promises';

/** Lab files and student manifests are read whole; anything bigger than this is refused. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A file bigger than the bound kubelab reads. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(
    readonly file: string,
    readonly maxBytes: number,
  ) {
    super(
      `${file} is larger than ${formatBytes(maxBytes)}; expected a small text file. ` +
        'Split it into smaller files or remove what is not needed.',
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a UTF-8 text file, never more than `maxBytes` (default 1 MiB) + 1 bytes: a file that grows
 * while being read is refused the same way as one that was too big to begin with.
 * `displayName` names the file in the error (default: the path).
 */
export async function readBoundedText(
  path: string,
  options: { maxBytes?: number; displayName?: string } = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new FileTooLargeError(options.displayName ?? path, maxBytes);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
