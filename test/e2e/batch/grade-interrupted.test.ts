import { expect } from 'chai';
import type { ResultPromise } from 'execa';
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, parseJournal, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { kubelab, spawnKubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { buildHonestClass, leftovers, LAB, type ClassStudent } from './class-builder.js';

/*
 * The grader interrupted: killed (SIGKILL) then resumed, and stopped (SIGTERM). A class of honest
 * students of its own (int-*), so this suite runs beside grade-class.test.ts.
 */

/** Resolves when the journal has `lines` complete lines; rejects at the deadline. */
function journalLines(path: string, lines: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const count = async (): Promise<number> =>
      parseJournal(await readFile(path, 'utf8').catch(() => '')).entries.length;
    const watcher = watch(dirname(path), () => {
      void count().then((n) => {
        if (n >= lines) finish();
      });
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`expected ${lines} journal line(s) in ${path} within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
  });
}

/** Waits for the grader's first journal line; fails with its output if it ends or stalls first. */
async function untilJournaled(child: ResultPromise, path: string): Promise<void> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = child.then((r) => {
    throw new Error(`the grader ended (exit ${r.exitCode}) before journaling anything:\n${output}`);
  });
  try {
    await Promise.race([journalLines(path, 1, 240_000), ended]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- grader stderr\n${output}`, { cause: error });
  }
  ended.catch(() => undefined);
}

/** `kubelab grade` of `ids` on the lab, one submission at a time, journaling into `out`. */
function gradeArgs(dir: string, out: string, ids: readonly string[]): string[] {
  return [
    'grade',
    dir,
    '--out',
    out,
    '--labs',
    LAB,
    '--students',
    ids.join(','),
    '--concurrency',
    '1',
  ];
}

describe('kubelab grade killed with SIGKILL mid-run', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildHonestClass>>;
  let out: string;
  before(async function () {
    cluster = await testCluster(this);
    built = await buildHonestClass({
      'int-alice': 'correct',
      'int-bob': 'partial',
      'int-dana': 'empty',
      'int-eve': 'correct',
      'int-fred': 'starter',
    });
    out = await mkdtemp(join(tmpdir(), 'kubelab-killed-'));
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('resumes without regrading finished work and ends with the same results', async function () {
    this.timeout(600_000);
    const ids = ['int-alice', 'int-bob', 'int-dana'];
    const expected = new Map(
      built.students
        .filter((s) => ids.includes(s.id))
        .map((s): [string, ClassStudent] => [s.id, s]),
    );
    const args = gradeArgs(built.dir, out, ids);
    const child = spawnKubelab(args, { cwd: REPO_ROOT });
    await untilJournaled(child, journalPath(out));
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.signal).to.equal('SIGKILL');
    const first = parseJournal(await readFile(journalPath(out), 'utf8')).entries;
    expect(first.length).to.be.within(1, 2);

    const resumed = await kubelab([...args, '--resume'], { cwd: REPO_ROOT, timeoutMs: 400_000 });
    expect(resumed.exitCode, transcript(resumed)).to.equal(0);
    expect(resumed.stderr).to.include(`${first.length} already in the journal`);
    const lines = parseJournal(await readFile(journalPath(out), 'utf8')).entries;
    expect(lines.length, 'each submission journaled exactly once').to.equal(ids.length);
    const latest = await readJournal(journalPath(out));
    expect(latest.map((e) => [e.student.id, e.report.score])).to.deep.equal(
      ids.map((id) => [id, expected.get(id)?.score]),
    );
    expect(await leftovers(cluster, ids)).to.deep.equal([]);
  });

  it('stops on SIGTERM: exit 130, in-flight work cleaned up and not journaled', async function () {
    this.timeout(400_000);
    const termOut = await mkdtemp(join(tmpdir(), 'kubelab-term-'));
    try {
      const ids = ['int-alice', 'int-eve', 'int-fred'];
      const args = gradeArgs(built.dir, termOut, ids);
      const child = spawnKubelab(args, { cwd: REPO_ROOT });
      await untilJournaled(child, journalPath(termOut));
      child.kill('SIGTERM');
      const stopped = await child;
      expect(stopped.exitCode, stopped.stderr).to.equal(130);
      expect(stopped.stderr).to.include('SIGTERM');
      const parsed = parseJournal(await readFile(journalPath(termOut), 'utf8'));
      expect(parsed.skippedLines).to.deep.equal([]);
      expect(parsed.entries.map((e) => e.student.id)).to.deep.equal(['int-alice']);
      expect(await leftovers(cluster, ids)).to.deep.equal([]);
    } finally {
      await rm(termOut, { recursive: true, force: true });
    }
  });
});
