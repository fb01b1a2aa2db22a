import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeText, NotTextError } from './not-text-error.js';

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
 * while being read is refused the same way as one that was too big to begin with. Anything but a
 * regular file (a FIFO named lab.yaml would block forever), bytes that are not UTF-8 and binary
 * content are a NotTextError. `displayName` names the file in the error (default: the path).
 */
export async function readBoundedText(
  path: string,
  options: { maxBytes?: number; displayName?: string } = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const displayName = options.displayName ?? path;
  // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile())
      throw new NotTextError(displayName, 'is not a regular file (a FIFO, socket or device?)');
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new FileTooLargeError(displayName, maxBytes);
    const decoded = decodeText(buffer.subarray(0, length));
    if ('problem' in decoded) throw new NotTextError(displayName, decoded.problem);
    return decoded.text;
  } finally {
    await handle.close();
  }
}
