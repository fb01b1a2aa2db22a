import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unexpectedScores } from '../../../bench/expected-scores.js';
import { writeSyntheticClass } from '../../../bench/synthetic-class.js';
import { journalPath, readJournal } from '../../../src/batch/journal.js';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { loadAllLabs } from '../../../src/model/load-lab.js';
import { defaultLabsDir } from '../../../src/model/labs-dir.js';
import { USER_LABEL } from '../../../src/model/scope.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';

/** 24 submissions (every lab's solution and starter), 3 at a time; the slowest take about a minute. */
const PACK_TIMEOUT_MS = 1_200_000;

/**
 * The whole lab pack through batch grading: each namespace fenced by a ResourceQuota, a LimitRange
 * and an impersonated student identity, cluster-scoped objects prefixed per student. Those fences
 * must not change a verdict: a copied solution scores 100 and a copied starter fails exactly the
 * checks its lab.yaml lists, as `kubelab verify` judges them one at a time.
 */
describe('kubelab grade on every lab of the pack', function () {
  let cluster: ClusterClient;
  let root: string;
  before(async function () {
    cluster = await testCluster(this);
    root = await mkdtemp(join(tmpdir(), 'kubelab-pack-class-'));
  });
  after(async function () {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('gives every solution 100 and fails every starter exactly where verify does, leaving nothing behind', async function () {
    this.timeout(PACK_TIMEOUT_MS);
    const labsDir = defaultLabsDir();
    const labs = new Map((await loadAllLabs({ labsDir })).map((l) => [l.lab.id, l.lab]));
    const labIds = [...labs.keys()];
    const submissions = join(root, 'submissions');
    // Two students: student-01 hands in every solution, student-02 every starter.
    const students = await writeSyntheticClass({ dir: submissions, count: 2, labsDir, labIds });
    const out = join(root, 'out');
    const run = await kubelab(['grade', submissions, '--out', out, '--concurrency', '3'], {
      cwd: REPO_ROOT,
      timeoutMs: PACK_TIMEOUT_MS - 60_000,
    });
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    expect(entries).to.have.length(students.length * labIds.length);
    const problems = unexpectedScores({ entries, students, labs }).map(
      (p) => `${p.submission}: ${p.problem}`,
    );
    expect(problems, problems.join('\n')).to.deep.equal([]);
    // The batch LimitRange turns the resources-oom starter's BestEffort web pods Burstable as
    // admitted: web-qos must fail on what the student wrote, and say so.
    const webQos = entries
      .find((e) => e.student.dir === 'student-02' && e.labId === 'resources-oom')
      ?.report.checks.find((c) => c.id === 'web-qos');
    expect(webQos?.message).to.match(
      /is BestEffort as its template is written \(the namespace's LimitRange filled in .*shows Burstable\), expected Burstable/,
    );
    expect(webQos?.evidence.observed).to.match(/Burstable as admitted \(LimitRanger plugin set/);
    const left: string[] = [];
    for (const [apiVersion, kind] of [
      ['v1', 'Namespace'],
      ['v1', 'PersistentVolume'],
      ['storage.k8s.io/v1', 'StorageClass'],
      ['scheduling.k8s.io/v1', 'PriorityClass'],
    ] as const) {
      const objects = await cluster.list({
        apiVersion,
        kind,
        labelSelector: `${USER_LABEL} in (student-01,student-02)`,
      });
      left.push(...objects.map((o) => `${kind} ${o.metadata.name ?? ''}`));
    }
    expect(left, 'left on the cluster').to.deep.equal([]);
  });
});
