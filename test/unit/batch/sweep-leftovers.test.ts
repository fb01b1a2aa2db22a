import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JournalWriter,
  readJournal,
  type JournalEntry,
} from '../../../src/batch/journal/journal.js';
import { sweepLeftovers } from '../../../src/batch/faults/sweep-leftovers.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { cleanupFakeCluster } from './cleanup-fake-cluster.js';
import { probesEntry } from './fault-entries.js';

const LEFT = ['namespace/kubelab-probes-bob: not deleted: connect ECONNREFUSED 127.0.0.1:6443'];

describe('sweeping what earlier runs left (--resume)', function () {
  let dir: string;
  let writer: JournalWriter;
  let entry: JournalEntry;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-sweep-'));
    writer = new JournalWriter(join(dir, 'journal.jsonl'));
    entry = probesEntry('bob', { status: 'passed' }, { leftovers: LEFT });
    await writer.append(entry);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const sweep = (clusterFor: (entry: JournalEntry) => Cluster | undefined) =>
    sweepLeftovers({
      entries: [entry],
      clusterFor,
      writer,
      signal: new AbortController().signal,
    });

  it('journals a swept entry again without its leftovers once they are gone', async function () {
    const result = await sweep(() => cleanupFakeCluster({ namespace: entry.namespace }));
    expect(result).to.deep.equal({ cleared: ['bob/probes'], notSwept: [] });
    const [latest] = await readJournal(writer.path);
    expect(latest?.leftovers).to.equal(undefined);
    expect(latest?.report.score).to.equal(entry.report.score);
  });

  it('leaves an entry graded on a context this run does not reach as it was, and says which', async function () {
    const before = await readFile(writer.path, 'utf8');
    const result = await sweep(() => undefined);
    expect(result.cleared).to.deep.equal([]);
    expect(result.notSwept).to.deep.equal([
      'bob/probes: graded on context kubelab, which this run does not grade on; ' +
        'expected it among --contexts, so run kubelab grade --resume --contexts kubelab to delete them',
    ]);
    expect(await readFile(writer.path, 'utf8')).to.equal(before);
  });

  it('keeps the leftovers journaled when the cluster cannot be listed', async function () {
    const before = await readFile(writer.path, 'utf8');
    const result = await sweep(() =>
      cleanupFakeCluster({
        namespace: entry.namespace,
        listError: new Error('connection refused'),
      }),
    );
    expect(result).to.deep.equal({ cleared: [], notSwept: ['bob/probes: connection refused'] });
    expect(await readFile(writer.path, 'utf8')).to.equal(before);
  });
});
