import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { Header } from 'tar';

/** One entry of a hand-built test archive: names are written as given (`..`, `/etc/x` included). */
export interface TestEntry {
  readonly path: string;
  readonly type?: 'file' | 'directory' | 'symlink';
  readonly content?: Buffer | string;
  readonly linkpath?: string;
}

const bytes = (content: Buffer | string | undefined): Buffer =>
  Buffer.isBuffer(content) ? content : Buffer.from(content ?? '', 'utf8');

/** A .tar.gz with raw headers, so hostile names and links reach the extractor unchanged. */
export function makeTarGz(entries: readonly TestEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data =
      entry.type === 'file' || entry.type === undefined ? bytes(entry.content) : Buffer.alloc(0);
    const header = new Header({
      path: entry.path,
      mode: entry.type === 'directory' ? 0o755 : 0o644,
      size: data.length,
      type:
        entry.type === 'directory'
          ? 'Directory'
          : entry.type === 'symlink'
            ? 'SymbolicLink'
            : 'File',
      linkpath: entry.linkpath ?? '',
      mtime: new Date(0),
      uid: 0,
      gid: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A zip (deflated entries, unix modes), with names written as given. */
export function makeZip(entries: readonly TestEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const raw = entry.type === 'symlink' ? Buffer.from(entry.linkpath ?? '') : bytes(entry.content);
    const data = deflateRawSync(raw);
    const mode =
      entry.type === 'symlink' ? 0o120777 : entry.type === 'directory' ? 0o040755 : 0o100644;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
