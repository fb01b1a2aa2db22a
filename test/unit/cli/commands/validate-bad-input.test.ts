import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/app.js';
import { memoryIo } from '../../../../src/cli/io.js';
import { REPO_ROOT } from './repo-root.js';

const HELLO = join(REPO_ROOT, 'test/fixtures/labs/valid/hello');

describe('kubelab validate on hostile lab files', function () {
  this.timeout(30_000);
  let root: string;
  let labs: string;
  let lab: string;
  beforeEach(async function () {
    root = await mkdtemp(join(tmpdir(), 'validate-bad-input-'));
    labs = join(root, 'labs');
    lab = join(labs, 'hello');
    await cp(HELLO, lab, { recursive: true });
  });
  afterEach(async function () {
    await rm(root, { recursive: true, force: true });
  });

  async function validate(): Promise<{ code: number; out: string; err: string }> {
    const io = memoryIo({ cwd: root });
    const code = await runCli({ argv: ['validate', 'labs'], io });
    // Issues name files as displayPath does (from the process's cwd): shown relative to root here.
    const relative = (text: string): string => text.replaceAll(`${root}/`, '');
    return { code, out: relative(io.out()), err: relative(io.err()) };
  }

  it('reports a FIFO named lab.yaml instead of waiting on it forever', async function () {
    await unlink(join(lab, 'lab.yaml'));
    execFileSync('mkfifo', [join(lab, 'lab.yaml')]);
    const { code, out } = await validate();
    expect(code).to.equal(1);
    expect(out).to.equal(
      'labs/hello/lab.yaml: is not a regular file (a directory, FIFO or device?); expected a YAML file\n',
    );
  });

  it('reports a dangling lab.yaml link instead of losing the lab and saying "valid"', async function () {
    await unlink(join(lab, 'lab.yaml'));
    await symlink(join(root, 'gone.yaml'), join(lab, 'lab.yaml'));
    const { code, out, err } = await validate();
    expect(code).to.equal(1);
    expect(out).to.equal(
      'labs/hello/lab.yaml: is a symbolic link to nothing (dangling); expected a regular file\n',
    );
    expect(err).to.equal('1 lab in labs: 1 issue\n');
  });

  it('never follows a lab.yaml link out of the labs directory nor prints what it points at', async function () {
    const secret = join(root, 'shadow');
    await writeFile(secret, 'root:SECRET-HASH:19000:0:99999:7:::\n');
    await unlink(join(lab, 'lab.yaml'));
    await symlink(secret, join(lab, 'lab.yaml'));
    const { code, out, err } = await validate();
    expect(code).to.equal(1);
    expect(out).to.equal(
      'labs/hello/lab.yaml: is a symbolic link pointing outside the labs directory (not followed); expected a regular file\n',
    );
    expect(out + err).to.not.include('SECRET');
  });

  it('refuses a lab.yaml that is not UTF-8', async function () {
    await writeFile(join(lab, 'lab.yaml'), Buffer.from('id: hello\ntitle: caf\xe9\n', 'latin1'));
    const { code, out } = await validate();
    expect(code).to.equal(1);
    expect(out).to.equal(
      'labs/hello/lab.yaml: is not valid UTF-8 (first invalid byte on line 2); expected a UTF-8 text file\n',
    );
  });

  it('refuses binary content without echoing it', async function () {
    await writeFile(join(lab, 'lab.yaml'), Buffer.from('id: hello\ntitle: "\u0000\u001b[2J"\n'));
    const { code, out } = await validate();
    expect(code).to.equal(1);
    expect(out).to.equal(
      'labs/hello/lab.yaml: holds binary content (byte 0x00 on line 2); expected a UTF-8 text file\n',
    );
    expect(out).to.not.include('\u001b');
  });

  it('parses starter/ and solution/ manifests and reports each error at its file and line', async function () {
    await writeFile(join(lab, 'starter', 'broken.yaml'), 'apiVersion: v1\nkind: Pod\n  bad: [\n');
    await writeFile(join(lab, 'solution', 'nokind.yaml'), 'apiVersion: v1\nmetadata:\n  name: x\n');
    const { code, out } = await validate();
    expect(code).to.equal(1);
    const lines = out.trimEnd().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.equal(
      'labs/hello/solution/nokind.yaml:1: kind missing; every object needs apiVersion, kind and metadata.name',
    );
    expect(lines[1]).to.match(/^labs\/hello\/starter\/broken\.yaml:2: invalid YAML: /);
  });
});
