import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster } from '../support/index.js';
import { buildHonestClass, leftovers, LAB } from './class-builder.js';

/**
 * `kubelab grade --timeout`, `--shard` and `--contexts` on a small honest class of its own (opt-*),
 * so this suite runs beside the big class of grade-class.test.ts. The shard students fail fast
 * (empty hand-ins and the crash-looping starter): the split is what is asserted, not the scores.
 */
describe('kubelab grade --timeout, --shard and --contexts', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildHonestClass>>;
  before(async function () {
    cluster = await testCluster(this);
    built = await buildHonestClass({
      'opt-alice': 'correct',
      'opt-bea': 'empty',
      'opt-cid': 'starter',
      'opt-dan': 'empty',
      'opt-eva': 'starter',
    });
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
  });

  it('cuts a submission at --timeout and journals what it had, the rest scoring 0', async function () {
    this.timeout(240_000);
    const cutOut = await mkdtemp(join(tmpdir(), 'kubelab-timeout-'));
    try {
      const run = await kubelab(
        [
          'grade',
          built.dir,
          '--out',
          cutOut,
          '--labs',
          LAB,
          '--students',
          'opt-alice',
          '--timeout',
          '8s',
        ],
        { cwd: REPO_ROOT, timeoutMs: 200_000 },
      );
      expect(run.exitCode, transcript(run)).to.equal(0);
      const [entry] = await readJournal(journalPath(cutOut));
      expect(entry?.report.message).to.match(/timed out after 8s \(--timeout\)/);
      expect(entry?.report.score).to.be.below(100);
      expect(await leftovers(cluster, ['opt-alice'])).to.deep.equal([]);
    } finally {
      await rm(cutOut, { recursive: true, force: true });
    }
  });
  it('splits the class over shards without overlap, spreading students over the contexts given', async function () {
    this.timeout(400_000);
    const ids = ['opt-bea', 'opt-cid', 'opt-dan', 'opt-eva'];
    const outs = [
      await mkdtemp(join(tmpdir(), 'kubelab-shard1-')),
      await mkdtemp(join(tmpdir(), 'kubelab-shard2-')),
    ];
    try {
      for (const [index, shardOut] of outs.entries()) {
        const run = await kubelab(
          [
            'grade',
            built.dir,
            '--out',
            shardOut,
            '--labs',
            LAB,
            '--students',
            ids.join(','),
            '--shard',
            `${index + 1}/2`,
            '--contexts',
            `${TEST_CONTEXT},${TEST_CONTEXT}`,
            '--concurrency',
            '2',
          ],
          { cwd: REPO_ROOT, timeoutMs: 180_000 },
        );
        expect(run.exitCode, transcript(run)).to.equal(0);
      }
      const [one, two] = await Promise.all(outs.map((o) => readJournal(journalPath(o))));
      const graded = [...(one ?? []), ...(two ?? [])].map((e) => e.student.id).sort();
      expect(graded).to.deep.equal(ids);
      expect(one?.every((e) => e.grader.shard === '1/2')).to.equal(true);
      expect(two?.every((e) => e.grader.shard === '2/2')).to.equal(true);
    } finally {
      await Promise.all(outs.map((o) => rm(o, { recursive: true, force: true })));
    }
  });
});
