import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { ArchiveError } from './archive-limits.js';
import type { EntryType, ExtractSink } from './extract-sink.js';

function entryType(entry: ReadEntry): EntryType {
  if (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile')
    return 'file';
  if (entry.type === 'Directory') return 'directory';
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') return 'symlink';
  return 'other';
}

/**
 * Extracts a tar or tar.gz (detected from the content) through the sink. tar's own extractor is
 * not used: entries are read into memory (bounded) and written by the sink, so no link, device or
 * path outside the destination is ever created.
 */
export async function extractTar(path: string, sink: ExtractSink): Promise<void> {
  const writes: Promise<void>[] = [];
  let failure: unknown;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      if (failure !== undefined) {
        entry.resume();
        return;
      }
      try {
        const target = sink.admit(entry.path, entryType(entry), entry.size ?? 0);
        if (target === undefined) {
          entry.resume();
          return;
        }
        if (entryType(entry) === 'directory') {
          entry.resume();
          writes.push(sink.directory(target));
          return;
        }
        writes.push(
          readEntry(entry, sink, target).catch((error: unknown) => {
            failure ??= error;
            parser.abort(error instanceof Error ? error : new Error(String(error)));
          }),
        );
      } catch (error) {
        failure = error;
        entry.resume();
        parser.abort(error instanceof Error ? error : new Error(String(error)));
      }
    },
  });
  try {
    await pipeline(createReadStream(path), parser);
  } catch (cause) {
    if (failure === undefined)
      throw new ArchiveError(sink.archive, `not a readable tar archive: ${String(cause)}`, {
        cause,
      });
  }
  const settled = await Promise.allSettled(writes);
  if (failure !== undefined) throw failure;
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
}

function readEntry(entry: ReadEntry, sink: ExtractSink, target: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let dropped = false;
    entry.on('data', (chunk: Buffer) => {
      try {
        sink.count(chunk.length);
      } catch (error) {
        dropped = true;
        reject(error);
        return;
      }
      size += chunk.length;
      if (size > sink.limits.maxFileBytes) dropped = true;
      else if (!dropped) chunks.push(chunk);
    });
    entry.on('end', () => {
      if (size > sink.limits.maxFileBytes) {
        sink.tooBig(entry.path);
        resolve();
      } else if (!dropped) sink.file(target, Buffer.concat(chunks)).then(resolve, reject);
    });
    entry.on('error', reject);
  });
}
