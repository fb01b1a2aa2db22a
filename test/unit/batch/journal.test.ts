import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendJournal,
  JOURNAL_VERSION,
  JournalWriter,
  parseJournal,
  readJournal,
  type JournalEntry,
} from '../../../src/batch/journal/journal.js';
import { MAX_JOURNAL_LINE_BYTES } from '../../../src/batch/journal/journal-line.js';

function entry(student: string, labId: string, score: number): JournalEntry {
  return {
    v: JOURNAL_VERSION,
    student: { id: student, dir: student },
    labId,
    namespace: `kubelab-${labId}-${student}`,
    report: {
      labId,
      title: labId,
      namespace: `kubelab-${labId}-${student}`,
      status: score === 100 ? 'passed' : 'failed',
      score,
      maxScore: 100,
      checks: [],
      durationMs: 1,
    },
    applied: { documents: [], appliedCount: 0, refusedCount: 0, rejectedCount: 0 },
    refusals: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    grader: { version: 'kubelab 0.1.0', context: 'kubelab', serverVersion: 'v1.34.0' },
  };
}

describe('the grading journal', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'journal-test-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing journal as empty', async function () {
    expect(await readJournal(join(dir, 'journal.jsonl'))).to.deep.equal([]);
  });

  it('keeps the latest entry per student and lab, sorted', async function () {
    const path = join(dir, 'journal.jsonl');
    await appendJournal(path, entry('bob', 'probes', 40));
    await appendJournal(path, entry('alice', 'probes', 10));
    await appendJournal(path, entry('bob', 'probes', 90));
    const latest = await readJournal(path);
    expect(latest.map((e) => `${e.student.id}:${e.report.score}`)).to.deep.equal([
      'alice:10',
      'bob:90',
    ]);
  });

  it('skips a torn last line left by a kill -9 mid-write', async function () {
    const path = join(dir, 'journal.jsonl');
    await appendJournal(path, entry('alice', 'probes', 100));
    const torn = JSON.stringify(entry('bob', 'probes', 50)).slice(0, 80);
    await appendFile(path, torn);
    expect((await readJournal(path)).map((e) => e.student.id)).to.deep.equal(['alice']);
    expect(parseJournal(await readFile(path, 'utf8')).skippedLines).to.deep.equal([2]);
  });

  it('starts the next line on a fresh line after a torn one, so resume loses nothing', async function () {
    const path = join(dir, 'journal.jsonl');
    await writeFile(path, `${JSON.stringify(entry('alice', 'probes', 100))}\n{"v":1,"stud`);
    await appendJournal(path, entry('bob', 'probes', 70));
    const latest = await readJournal(path);
    expect(latest.map((e) => `${e.student.id}:${e.report.score}`)).to.deep.equal([
      'alice:100',
      'bob:70',
    ]);
  });

  it('skips lines of another version or shape instead of failing', function () {
    const text = ['{"v":2}', 'null', '[1]', JSON.stringify(entry('a', 'l', 1)), ''].join('\n');
    const parsed = parseJournal(text);
    expect(parsed.entries).to.have.length(1);
    expect(parsed.skippedLines).to.deep.equal([1, 2, 3]);
  });

  it('never interleaves lines appended concurrently', async function () {
    const writer = new JournalWriter(join(dir, 'journal.jsonl'));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => writer.append(entry(`s${i}`, 'probes', i))),
    );
    await writer.flush();
    const parsed = parseJournal(await readFile(join(dir, 'journal.jsonl'), 'utf8'));
    expect(parsed.entries).to.have.length(30);
    expect(parsed.skippedLines).to.deep.equal([]);
  });

  it('bounds a line whose check evidence is huge, keeping the score and saying what was left out', async function () {
    const path = join(dir, 'journal.jsonl');
    const base = entry('alice', 'probes', 40);
    const check = {
      id: 'web-ready',
      title: 'web is Ready',
      kind: 'workload-ready',
      status: 'failed' as const,
      points: 40,
      maxPoints: 100,
      message: 'm'.repeat(100_000),
      evidence: { observed: 'x'.repeat(5 * 1024 * 1024) },
      visibility: 'visible' as const,
      durationMs: 1,
    };
    await appendJournal(path, { ...base, report: { ...base.report, checks: [check] } });
    const text = await readFile(path, 'utf8');
    expect(Buffer.byteLength(text)).to.be.at.most(MAX_JOURNAL_LINE_BYTES + 1);
    const [read] = await readJournal(path);
    expect(read?.report.score).to.equal(40);
    expect(read?.report.checks[0]?.status).to.equal('failed');
    expect(read?.report.checks[0]?.evidence).to.deep.equal({});
    expect(read?.report.message).to.match(/^evidence left out: the journal line was \d+ bytes/);
  });
});
