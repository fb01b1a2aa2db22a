import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, parseJournal, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { buildClass, expectGraded, leftovers, LAB } from './class-builder.js';

/** 16 submissions of a ~40s lab, 4 at a time, some waiting out a 90s check timeout. */
const CLASS_TIMEOUT_MS = 900_000;

describe('kubelab grade on a class of synthetic students', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildClass>>;
  let out: string;
  before(async function () {
    cluster = await testCluster(this);
    built = await buildClass();
    out = await mkdtemp(join(tmpdir(), 'kubelab-graded-'));
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('grades every student, refuses and reports every hostile action, and leaves nothing behind', async function () {
    this.timeout(CLASS_TIMEOUT_MS);
    const run = await kubelab(
      [
        'grade',
        built.dir,
        '--out',
        out,
        '--roster',
        built.roster,
        '--labs',
        LAB,
        '--concurrency',
        '4',
      ],
      { cwd: REPO_ROOT, timeoutMs: CLASS_TIMEOUT_MS - 30_000 },
    );
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    expect(entries.map((e) => e.student.id)).to.deep.equal(built.students.map((s) => s.id));
    for (const student of built.students) {
      const entry = entries.find((e) => e.student.id === student.id);
      expectGraded(entry, student);
    }
    const eve = entries.find((e) => e.student.id === 'x-rm-rf');
    expect(eve?.student).to.deep.equal({ id: 'x-rm-rf', dir: '..x; rm -rf', name: 'Eve' });
    expect(
      await leftovers(
        cluster,
        built.students.map((s) => s.id),
      ),
    ).to.deep.equal([]);
    const crb = await cluster.get({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: 'kubelab-e2e-hostile-admin',
    });
    expect(crb, 'the ClusterRoleBinding never reached the cluster').to.equal(undefined);
    const kubeSystemPod = await cluster.get({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'kube-system',
      name: 'kubelab-e2e-hostile',
    });
    expect(kubeSystemPod, 'the kube-system pod never reached the cluster').to.equal(undefined);
  });

  it('regrades one student on request, superseding its journal line and nothing else', async function () {
    this.timeout(300_000);
    const before = parseJournal(await readFile(journalPath(out), 'utf8')).entries.length;
    const run = await kubelab(
      [
        'grade',
        built.dir,
        '--out',
        out,
        '--roster',
        built.roster,
        '--labs',
        LAB,
        '--regrade',
        'alice',
      ],
      { cwd: REPO_ROOT, timeoutMs: 240_000 },
    );
    expect(run.exitCode, transcript(run)).to.equal(0);
    const all = parseJournal(await readFile(journalPath(out), 'utf8')).entries;
    expect(all.length).to.equal(before + 1);
    expect(all.at(-1)?.student.id).to.equal('alice');
    expect(
      (await readJournal(journalPath(out))).find((e) => e.student.id === 'alice')?.report.score,
    ).to.equal(100);
  });
});
