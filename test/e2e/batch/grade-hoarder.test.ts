import { expect } from 'chai';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import { MAX_JOURNAL_LINE_BYTES } from '../../../src/batch/journal/journal-line.js';
import { MAX_SUBMISSION_FILES } from '../../../src/batch/intake/snapshot.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { buildHonestClass, leftovers, LAB } from './class-builder.js';

/** The student who hands in the correct solution and 100 000 junk files besides. */
const HOARDER = 'hoard-many';
const HONEST = 'hoard-honest';
const JUNK_FILES = 100_000;

/**
 * One student with 100 000 files beside an honest one (the 14 MB journal line and 13 MB
 * summary.html): grading still scores both on their manifests, and every output stays small because
 * the refusal lists are summarised (the first entries and a count).
 */
describe('kubelab grade with a 100 000-file submission', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildHonestClass>>;
  let out: string;
  before(async function () {
    this.timeout(300_000);
    cluster = await testCluster(this);
    built = await buildHonestClass({ [HOARDER]: 'correct', [HONEST]: 'correct' });
    const labDir = join(built.dir, HOARDER, LAB);
    // `junk-…` sorts after deployment.yaml, so the solution is among the files copied.
    const names = Array.from(
      { length: JUNK_FILES },
      (_, i) => `junk-${String(i).padStart(6, '0')}.txt`,
    );
    for (let i = 0; i < names.length; i += 1000)
      await Promise.all(
        names.slice(i, i + 1000).map((name) => writeFile(join(labDir, name), 'x\n')),
      );
    out = await mkdtemp(join(tmpdir(), 'kubelab-hoarder-'));
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('grades both on their manifests and keeps the journal, feedback and summary small', async function () {
    this.timeout(600_000);
    const run = await kubelab(['grade', built.dir, '--out', out, '--labs', LAB], {
      cwd: REPO_ROOT,
      timeoutMs: 540_000,
    });
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    expect(entries.map((e) => [e.student.id, e.report.score])).to.deep.equal([
      [HONEST, 100],
      [HOARDER, 100],
    ]);
    const hoarder = entries.find((e) => e.student.id === HOARDER);
    const refused = JUNK_FILES + 1 - MAX_SUBMISSION_FILES;
    expect(hoarder?.refusals.at(-1)).to.match(
      new RegExp(`more not listed \\(${refused} in all\\)$`),
    );
    expect(hoarder?.refusals.length).to.be.at.most(64);
    expect(hoarder?.applied.refusedCount).to.equal(refused);
    expect((await stat(journalPath(out))).size).to.be.below(2 * MAX_JOURNAL_LINE_BYTES);
    for (const file of [`feedback/${HOARDER}.md`, `feedback/${HOARDER}.html`])
      expect((await stat(join(out, file))).size, file).to.be.below(64 * 1024);
    for (const file of ['results.json', 'summary.html'])
      expect((await stat(join(out, file))).size, file).to.be.below(256 * 1024);
    expect(await leftovers(cluster, [HOARDER, HONEST])).to.deep.equal([]);
  });
});
