import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ArchiveError } from './archive-limits.js';
import type { EntryType, ExtractSink } from './extract-sink.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function entryType(entry: yauzl.Entry, name: string): EntryType {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return 'symlink';
  if (name.endsWith('/') || mode === S_IFDIR) return 'directory';
  if (mode === 0 || mode === S_IFREG) return 'file';
  return 'other';
}

/** Extracts a zip through the sink. Names are checked by the sink, not by yauzl (decodeStrings off). */
export async function extractZip(path: string, sink: ExtractSink): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true },
      (error, file) =>
        error !== null && error !== undefined ? reject(error) : resolve(file as yauzl.ZipFile),
    ),
  ).catch((cause: unknown) => {
    throw new ArchiveError(sink.archive, `not a readable zip file: ${String(cause)}`, { cause });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (cause: unknown) =>
        reject(new ArchiveError(sink.archive, `corrupt zip: ${String(cause)}`, { cause })),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        onEntry(zip, entry, sink).then(
          () => zip.readEntry(),
          (error: unknown) => reject(error),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

async function onEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, sink: ExtractSink): Promise<void> {
  const raw = entry.fileName as unknown as Buffer | string;
  const name = typeof raw === 'string' ? raw : raw.toString('utf8');
  const type = entryType(entry, name);
  const path = sink.admit(name, type, entry.uncompressedSize);
  if (path === undefined) return;
  if (type === 'directory') return sink.directory(path);
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, s) =>
      error !== null && error !== undefined ? reject(error) : resolve(s as Readable),
    ),
  );
  const content = await readBounded(stream, sink);
  if (content === undefined) sink.tooBig(name);
  else await sink.file(path, content);
}

/** Reads a stream, counting every byte; undefined (and the stream destroyed) past the file bound. */
export async function readBounded(
  stream: Readable,
  sink: ExtractSink,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    sink.count(buffer.length);
    if (size > sink.limits.maxFileBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
