import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/app.js';
import { memoryIo } from '../../../../src/cli/io.js';

describe('kubelab grade --out', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'grade-out-test-'));
    await mkdir(join(dir, 'subs', 'alice', 'probes'), { recursive: true });
    await writeFile(join(dir, 'file'), 'x');
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  // The kubeconfig does not exist: a run that got past the --out check would fail on it instead.
  const grade = async (out: string): Promise<{ code: number; err: string }> => {
    const io = memoryIo({ cwd: dir });
    const argv = ['grade', 'subs', '--out', out, '--kubeconfig', join(dir, 'no-kubeconfig')];
    const code = await runCli({ argv, io });
    return { code, err: io.err() };
  };

  it('refuses --out /proc/x before any work, with exit code 2', async function () {
    const { code, err } = await grade('/proc/x');
    expect(code).to.equal(2);
    expect(err).to.include('kubelab: cannot write the outputs to /proc/x');
    expect(err).to.include('--out <a folder you can write to>');
  });

  it('refuses an --out below a regular file before connecting to any cluster', async function () {
    const { code, err } = await grade('file/out');
    expect(code).to.equal(2);
    expect(err).to.match(/cannot write the outputs to \S*file\/out: \S*file is not a directory/);
    expect(err).to.not.include('kubeconfig');
  });
});
