import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseJournal, type JournalEntry } from '../../../../src/batch/journal/journal.js';
import {
  JournalReadError,
  mergeEntries,
  mergeJournals,
  newerEntry,
  writeMergedJournal,
} from '../../../../src/batch/outputs/merge-journals.js';
import { FIXTURE_DIR } from './golden.js';

const lines = (entries: readonly JournalEntry[]): string =>
  entries.map((e) => `${JSON.stringify(e)}\n`).join('');

describe('merging journals', () => {
  let dir: string;
  let entries: readonly JournalEntry[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-merge-'));
    entries = parseJournal(await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8')).entries;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the entry that finished last per (student, lab), whichever journal holds it', async () => {
    const daveOld = entries.find((e) => e.student.id === 'dave' && e.report.score === 0);
    const daveNew = entries.find((e) => e.student.id === 'dave' && e.report.score === 90);
    expect(daveOld).not.to.equal(undefined);
    // The newer one first, in the first journal: order of journals must not matter.
    await writeFile(join(dir, 'a.jsonl'), lines(entries.filter((e) => e !== daveOld)));
    await writeFile(join(dir, 'b.jsonl'), lines([daveOld as JournalEntry]));
    for (const order of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const merged = await mergeJournals(order.map((name) => join(dir, `${name}.jsonl`)));
      const dave = merged.entries.filter((e) => e.student.id === 'dave');
      expect(dave, order.join(',')).to.deep.equal([daveNew]);
      expect(merged.superseded).to.equal(1);
    }
  });

  it('gives the same result for every order of the same entries', () => {
    const forward = mergeEntries(entries).entries;
    const backward = mergeEntries([...entries].reverse()).entries;
    expect(backward).to.deep.equal(forward);
    expect(forward.map((e) => `${e.student.id}/${e.labId}`)).to.deep.equal([
      'alice/probes',
      'alice/secrets-config',
      'bob/probes',
      'bob/secrets-config',
      'carol/probes',
      'dave/probes',
      'x-rm-rf/secrets-config',
    ]);
  });

  it('breaks a tie on finishedAt the same way whatever the argument order', () => {
    const a = entries[0] as JournalEntry;
    const b: JournalEntry = { ...a, grader: { ...a.grader, context: 'other' } };
    expect(newerEntry(a, b)).to.equal(newerEntry(b, a));
  });

  it('counts torn lines per journal instead of failing', async () => {
    const merged = await mergeJournals([join(FIXTURE_DIR, 'journal.jsonl')]);
    expect(merged.sources).to.deep.equal([
      { path: join(FIXTURE_DIR, 'journal.jsonl'), entries: 8, skippedLines: [9] },
    ]);
  });

  it('says which journal it cannot read and what it expected', async () => {
    const missing = join(dir, 'nope', 'journal.jsonl');
    const error = await mergeJournals([missing]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(JournalReadError);
    expect((error as Error).message)
      .to.include(missing)
      .and.include('expected a journal.jsonl');
  });

  it('writes the merged journal sorted, one entry per line, readable again', async () => {
    const merged = mergeEntries(entries).entries;
    await writeMergedJournal(dir, merged);
    const again = parseJournal(await readFile(join(dir, 'journal.jsonl'), 'utf8'));
    expect(again.entries).to.deep.equal(merged);
    expect(again.skippedLines).to.deep.equal([]);
  });
});
