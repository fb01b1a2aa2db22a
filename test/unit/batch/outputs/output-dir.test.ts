import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputDirError, prepareOutputDir } from '../../../../src/batch/outputs/output-dir.js';

describe('the output directory', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'output-dir-test-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing folders and leaves no probe file behind', async function () {
    await prepareOutputDir(join(dir, 'a', 'b'));
    expect(await readdir(join(dir, 'a', 'b'))).to.deep.equal([]);
  });

  it('accepts an existing, writable folder', async function () {
    await prepareOutputDir(dir);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('refuses a folder under a regular file, naming the file', async function () {
    await writeFile(join(dir, 'file'), 'x');
    const error: unknown = await prepareOutputDir(join(dir, 'file', 'out')).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(OutputDirError);
    expect((error as Error).message).to.include(`${join(dir, 'file')} is not a directory`);
  });

  it('refuses /proc/x at once instead of spinning in mkdir -p', async function () {
    const error: unknown = await prepareOutputDir('/proc/x').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutputDirError);
    expect((error as Error).message).to.match(
      /^cannot write the outputs to \/proc\/x: cannot create \/proc\/x \(E[A-Z]+\)/,
    );
  });
});
