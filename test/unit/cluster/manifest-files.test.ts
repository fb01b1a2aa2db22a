import { expect } from 'chai';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_MANIFEST_FILE_BYTES,
  readManifestDir,
  skippedNames,
} from '../../../src/cluster/manifest-files.js';

describe('readManifestDir', () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kubelab-manifests-'));
    dir = join(root, 'student');
    await mkdir(dir);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reads *.yaml and *.yml files sorted by name, and nothing else', async () => {
    await writeFile(join(dir, 'b.yml'), 'b');
    await writeFile(join(dir, 'a.yaml'), 'a');
    await writeFile(join(dir, 'notes.txt'), 'x');
    await mkdir(join(dir, 'sub.yaml'));
    const { files, problems } = await readManifestDir(dir, 'student');
    expect(files).to.deep.equal([
      { source: 'student/a.yaml', text: 'a' },
      { source: 'student/b.yml', text: 'b' },
    ]);
    expect(problems).to.deep.equal([{ source: 'student/sub.yaml', reason: 'not a regular file' }]);
  });

  it('refuses a symbolic link out of the directory but follows one inside it', async () => {
    await writeFile(join(root, 'secret.yaml'), 'secret');
    await writeFile(join(dir, 'real.yaml'), 'real');
    await symlink(join(root, 'secret.yaml'), join(dir, 'out.yaml'));
    await symlink(join(dir, 'real.yaml'), join(dir, 'in.yaml'));
    const { files, problems } = await readManifestDir(dir, 'student');
    expect(files.map((f) => f.source)).to.deep.equal(['student/in.yaml', 'student/real.yaml']);
    expect(problems).to.deep.equal([
      {
        source: 'student/out.yaml',
        reason: 'a symbolic link pointing out of the directory; copy the file instead',
      },
    ]);
  });

  it('refuses a file over the size bound without reading it whole', async () => {
    await writeFile(join(dir, 'big.yaml'), 'x'.repeat(MAX_MANIFEST_FILE_BYTES + 1));
    const { files, problems } = await readManifestDir(dir, 'student');
    expect(files).to.deep.equal([]);
    expect(problems[0]?.reason).to.match(/larger than 256 KiB/);
  });

  it('refuses binary and non-UTF-8 manifests without echoing their bytes', async () => {
    await writeFile(join(dir, 'bin.yaml'), Buffer.from('kind: Pod\n\u0000\u001b[2Jsecret\n'));
    await writeFile(join(dir, 'latin.yaml'), Buffer.from('name: caf\xe9\n', 'latin1'));
    await writeFile(join(dir, 'ok.yaml'), 'kind: Pod\n');
    const { files, problems } = await readManifestDir(dir, 'student');
    expect(files.map((f) => f.source)).to.deep.equal(['student/ok.yaml']);
    expect(problems).to.deep.equal([
      {
        source: 'student/bin.yaml',
        reason:
          'student/bin.yaml holds binary content (byte 0x00 on line 2); expected a UTF-8 text file',
      },
      {
        source: 'student/latin.yaml',
        reason:
          'student/latin.yaml is not valid UTF-8 (first invalid byte on line 1); expected a UTF-8 text file',
      },
    ]);
  });

  it("skips the lab's extra files (answers.yaml, static/) relative to the directory", async () => {
    await writeFile(join(dir, 'answers.yaml'), 'answers');
    await writeFile(join(dir, 'web.yaml'), 'web');
    await mkdir(join(dir, 'static'));
    const { files, problems } = await readManifestDir(dir, 'student', ['answers.yaml', 'static/']);
    expect(files).to.deep.equal([{ source: 'student/web.yaml', text: 'web' }]);
    expect(problems).to.deep.equal([]);
  });
});

describe('skippedNames', () => {
  it('names only top-level entries, without a leading ./ or trailing slash', () => {
    expect([
      ...skippedNames(['./answers.yaml', 'static/', 'notes/a.yaml', '..', '']),
    ]).to.deep.equal(['answers.yaml', 'static']);
  });
});
