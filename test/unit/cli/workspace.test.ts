import { expect } from 'chai';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileConflictError } from '../../../src/cli/errors.js';
import { labWorkspaceFiles, writeWorkspace } from '../../../src/cli/workspace.js';

describe('the student work directory', function () {
  let root: string;
  let lab: { dir: string; starterDir: string };

  beforeEach(async function () {
    root = await mkdtemp(join(tmpdir(), 'kubelab-ws-'));
    lab = { dir: join(root, 'lab'), starterDir: join(root, 'lab', 'starter') };
    await mkdir(join(lab.starterDir, 'static'), { recursive: true });
    await writeFile(join(lab.dir, 'README.md'), '# en\n');
    await writeFile(join(lab.dir, 'README.fr.md'), '# fr\n');
    await writeFile(join(lab.starterDir, 'pod.yaml'), 'kind: Pod\n');
    await writeFile(join(lab.starterDir, 'static', 'web.yaml'), 'kind: Pod\n');
    await writeFile(join(lab.starterDir, '.keep'), '');
    await symlink('/etc/passwd', join(lab.starterDir, 'passwd.yaml'));
  });

  afterEach(async function () {
    await rm(root, { recursive: true, force: true });
  });

  it('holds both READMEs and every regular starter file, sorted, without symlinks or .keep', async function () {
    const files = await labWorkspaceFiles(lab);
    expect(files.map((f) => f.path)).to.deep.equal(
      ['pod.yaml', 'README.fr.md', 'README.md', 'static/web.yaml'].sort(),
    );
  });

  it('writes the files, then leaves unchanged copies alone', async function () {
    const dest = join(root, 'work');
    const files = await labWorkspaceFiles(lab);
    const first = await writeWorkspace(dest, files, { force: false });
    expect(first.created).to.have.length(4);
    expect(await readFile(join(dest, 'static', 'web.yaml'), 'utf8')).to.equal('kind: Pod\n');
    const second = await writeWorkspace(dest, files, { force: false });
    expect(second).to.deep.equal({
      created: [],
      unchanged: files.map((f) => f.path),
      replaced: [],
    });
  });

  it('refuses to overwrite a file the student changed, naming it, and writes nothing', async function () {
    const dest = join(root, 'work');
    const files = await labWorkspaceFiles(lab);
    await writeWorkspace(dest, files, { force: false });
    await writeFile(join(dest, 'pod.yaml'), 'kind: Pod # my work\n');
    await rm(join(dest, 'README.md'));
    let caught: unknown;
    await writeWorkspace(dest, files, { force: false }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(FileConflictError);
    expect((caught as FileConflictError).files).to.deep.equal(['pod.yaml']);
    expect(await readFile(join(dest, 'pod.yaml'), 'utf8')).to.equal('kind: Pod # my work\n');
    expect(await readFile(join(dest, 'README.md'), 'utf8').catch(() => 'absent')).to.equal(
      'absent',
    );
  });

  it('replaces changed files with --force', async function () {
    const dest = join(root, 'work');
    const files = await labWorkspaceFiles(lab);
    await writeWorkspace(dest, files, { force: false });
    await writeFile(join(dest, 'pod.yaml'), 'changed\n');
    const result = await writeWorkspace(dest, files, { force: true });
    expect(result.replaced).to.deep.equal(['pod.yaml']);
    expect(await readFile(join(dest, 'pod.yaml'), 'utf8')).to.equal('kind: Pod\n');
  });
});
