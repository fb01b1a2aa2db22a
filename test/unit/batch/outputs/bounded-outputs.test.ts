import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MAX_REFUSAL_LINES } from '../../../../src/batch/bounded-list.js';
import { parseJournal, type JournalEntry } from '../../../../src/batch/journal/journal.js';
import { writeGradingOutputs } from '../../../../src/batch/outputs/write-outputs.js';
import { FIXTURE_LABS } from '../../../fixtures/batch/labs.js';
import { FIXTURE_DIR } from './golden.js';

describe('outputs of a journal entry with 100 000 refusals (an older journal)', function () {
  this.timeout(60_000);
  let out: string;
  before(async function () {
    out = await mkdtemp(join(tmpdir(), 'kubelab-bounded-outputs-'));
    const entries = parseJournal(
      await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8'),
    ).entries;
    const refusals = Array.from(
      { length: 100_000 },
      (_, i) => `probes/f${String(i).padStart(6, '0')}.yaml: refused: more than 200 files`,
    );
    const hoarder = entries.map((entry): JournalEntry =>
      entry.student.id === 'bob' ? { ...entry, refusals } : entry,
    );
    await writeGradingOutputs({ entries: hoarder, labs: FIXTURE_LABS, outDir: out });
  });
  after(() => rm(out, { recursive: true, force: true }));

  for (const [name, maxBytes] of [
    ['feedback/bob.md', 64 * 1024],
    ['feedback/bob.html', 64 * 1024],
    ['results/bob.json', 64 * 1024],
    ['results.json', 256 * 1024],
    ['summary.html', 256 * 1024],
  ] as const) {
    it(`keeps ${name} under ${maxBytes / 1024} KiB, ending the list with a count`, async function () {
      expect((await stat(join(out, name))).size).to.be.below(maxBytes);
      const text = await readFile(join(out, name), 'utf8');
      expect(text).to.include(`more not listed (100000 in all)`);
      expect(text).to.include('f000000.yaml');
      expect(text).to.not.include(`f${String(MAX_REFUSAL_LINES + 1).padStart(6, '0')}.yaml`);
    });
  }
});
