import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseJournal } from '../../../../src/batch/journal/journal.js';
import { runCli } from '../../../../src/cli/app.js';
import { memoryIo } from '../../../../src/cli/io.js';

const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/batch');

describe('kubelab merge', function () {
  this.timeout(30_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-merge-cli-'));
    const text = await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8');
    const lines = text.split('\n');
    // Two shards' output directories: odd lines in one, even lines (and the torn one) in the other.
    for (const [shard, keep] of [
      ['shard-0', 1],
      ['shard-1', 0],
    ] as const) {
      await mkdir(join(dir, shard));
      const own = lines.filter((_, index) => index % 2 === keep);
      await writeFile(join(dir, shard, 'journal.jsonl'), `${own.join('\n')}\n`);
    }
    await mkdir(join(dir, 'no-labs'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = memoryIo({ cwd: dir });
    const code = await runCli({ argv, io });
    return { code, out: io.out(), err: io.err() };
  }

  it('merges shard directories into the same gradebook as one journal', async () => {
    const { code, out, err } = await run([
      'merge',
      'shard-1',
      'shard-0',
      '--out',
      'all',
      '--labs-dir',
      'no-labs',
    ]);
    expect(code, err).to.equal(0);
    expect(out).to.equal('all\n');
    expect(err).to.include(
      'merged 7 (student, lab) results of 5 students from 2 journals (1 superseded)',
    );
    expect(err).to.include('1 torn or invalid line skipped');
    const gradebook = await readFile(join(dir, 'all', 'gradebook.csv'), 'utf8');
    expect(gradebook).to.equal(
      await readFile(join(FIXTURE_DIR, 'golden', 'gradebook.csv'), 'utf8'),
    );
    const merged = parseJournal(await readFile(join(dir, 'all', 'journal.jsonl'), 'utf8'));
    expect(merged.entries).to.have.length(7);
  });

  it('says which journal is missing and exits 2', async () => {
    const { code, err } = await run(['merge', 'nowhere/journal.jsonl', '--out', 'x']);
    expect(code).to.equal(2);
    expect(err).to.include('cannot read journal').and.include('nowhere/journal.jsonl');
  });

  it('requires --out', async () => {
    const { code, err } = await run(['merge', 'shard-0']);
    expect(code).to.equal(2);
    expect(err).to.include('out');
  });
});
