import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveStem, extractArchive } from '../../../src/batch/intake/archive.js';
import { ArchiveError, type ArchiveLimits } from '../../../src/batch/intake/archive-limits.js';
import { safeEntryPath } from '../../../src/batch/intake/archive-path.js';
import { makeTarGz, makeZip, type TestEntry } from './archive-builders.js';

const SMALL: ArchiveLimits = {
  maxEntries: 20,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 3 * 1024 * 1024,
};

const HOSTILE: TestEntry[] = [
  { path: 'crash-recovery/deployment.yaml', content: 'kind: Deployment\n' },
  { path: '../evil.yaml', content: 'escaped' },
  { path: 'crash-recovery/../../evil2.yaml', content: 'escaped' },
  { path: '/etc/cron.d/evil', content: 'escaped' },
  { path: 'crash-recovery/passwd.yaml', type: 'symlink', linkpath: '/etc/passwd' },
];

async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

for (const [format, build, ext] of [
  ['zip', makeZip, 'zip'],
  ['tar.gz', makeTarGz, 'tar.gz'],
] as const) {
  describe(`extracting a student ${format}`, function () {
    let dir: string;
    beforeEach(async function () {
      dir = await mkdtemp(join(tmpdir(), 'archive-test-'));
    });
    afterEach(async function () {
      await rm(dir, { recursive: true, force: true });
    });

    it('extracts regular files and refuses zip-slip names, absolute paths and links', async function () {
      const archive = join(dir, `alice.${ext}`);
      await writeFile(archive, build(HOSTILE));
      const out = await extractArchive(archive, SMALL);
      try {
        expect(await listAll(out.dir)).to.deep.equal(['crash-recovery/deployment.yaml']);
        expect(await readFile(join(out.dir, 'crash-recovery/deployment.yaml'), 'utf8')).to.equal(
          'kind: Deployment\n',
        );
        const reasons = out.skipped.map((s) => `${s.entry}: ${s.reason}`).join('\n');
        expect(reasons).to.match(/\.\.\/evil\.yaml: refused: a path with "\.\." \(zip slip\)/);
        expect(reasons).to.match(/evil2\.yaml: refused: a path with "\.\."/);
        expect(reasons).to.match(/\/etc\/cron\.d\/evil: refused: an absolute path/);
        expect(reasons).to.match(/passwd\.yaml: refused: a symbolic or hard link/);
        expect(await listAll(dir)).to.deep.equal([`alice.${ext}`]);
      } finally {
        await out.dispose();
      }
    });

    it('skips one file that unpacks past the per-file bound and keeps the rest', async function () {
      const archive = join(dir, `bob.${ext}`);
      await writeFile(
        archive,
        build([
          { path: 'lab/big.yaml', content: Buffer.alloc(2 * 1024 * 1024) },
          { path: 'lab/ok.yaml', content: 'a: 1\n' },
        ]),
      );
      const out = await extractArchive(archive, SMALL);
      try {
        expect(await listAll(out.dir)).to.deep.equal(['lab/ok.yaml']);
        expect(out.skipped[0]?.reason).to.match(/larger than 1 MiB/);
      } finally {
        await out.dispose();
      }
    });

    it('refuses the whole archive when it unpacks past the total bound (a size bomb)', async function () {
      const archive = join(dir, `carol.${ext}`);
      const entries = Array.from({ length: 5 }, (_, i) => ({
        path: `lab/f${i}.yaml`,
        content: Buffer.alloc(900 * 1024),
      }));
      await writeFile(archive, build(entries));
      const error = await extractArchive(archive, SMALL).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(ArchiveError);
      expect((error as Error).message).to.match(/size bomb/);
    });

    it('refuses an archive with more entries than the bound', async function () {
      const archive = join(dir, `dave.${ext}`);
      const entries = Array.from({ length: 25 }, (_, i) => ({
        path: `lab/f${i}.yaml`,
        content: 'x',
      }));
      await writeFile(archive, build(entries));
      const error = await extractArchive(archive, SMALL).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).to.match(/more than 20 entries/);
    });
  });
}

describe('archive names and entry paths', function () {
  it('knows a student archive by its extension', function () {
    expect(archiveStem('alice.zip')).to.equal('alice');
    expect(archiveStem('bob.tar.gz')).to.equal('bob');
    expect(archiveStem('carol.tgz')).to.equal('carol');
    expect(archiveStem('notes.txt')).to.equal(undefined);
  });

  it('normalises harmless paths and refuses escaping ones', function () {
    expect(safeEntryPath('./a//b/c.yaml')).to.deep.equal({ ok: true, path: 'a/b/c.yaml' });
    expect(safeEntryPath('a\\..\\..\\b').ok).to.equal(false);
    expect(safeEntryPath('C:/Windows/x').ok).to.equal(false);
    expect(safeEntryPath('a\0b').ok).to.equal(false);
  });
});
