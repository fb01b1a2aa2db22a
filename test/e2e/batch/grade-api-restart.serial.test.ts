import { expect } from 'chai';
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { kubelab, spawnKubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster } from '../support/index.js';
import { buildHonestClass, leftovers, LAB } from './class-builder.js';

/*
 * The API server restarted mid-grade (scripts/cluster/restart-component.sh: the same process, same
 * flags). The final gradebook — after the grader's own retries and, if it exits 2, `--resume` —
 * must equal an undisturbed run's of the same class. Serial: it takes the API server away from
 * everyone for ~20-30 s. Only on the project's own cluster, whose processes this machine runs.
 */

const OWN_CLUSTER = 'kubelab';
const IDS = ['rst-alice', 'rst-bob', 'rst-carl', 'rst-dana'] as const;
/** A crash-recovery submission takes about a minute; retries and a resume may add a few each. */
const RUN_TIMEOUT_MS = 900_000;
/** The grader applies the manifests within seconds of starting; pods of all four by then. */
const PODS_TIMEOUT_MS = 240_000;

const gradeArgs = (dir: string, out: string): string[] => [
  'grade',
  dir,
  '--out',
  out,
  '--labs',
  LAB,
  '--concurrency',
  String(IDS.length),
];

const namespaceOf = (id: string): string => `kubelab-${LAB}-${id}`;

/** Resolves once every student's namespace has a pod: their manifests are applied, checks run. */
function podsOfEveryStudent(cluster: ClusterClient): Promise<void> {
  const wanted = IDS.map(namespaceOf);
  return cluster.waitFor(
    { apiVersion: 'v1', kind: 'Pod' },
    {
      description: `a pod in each of ${wanted.join(', ')}`,
      check(pods) {
        const seen = new Set(pods.map((p) => p.metadata.namespace));
        const missing = wanted.filter((ns) => !seen.has(ns));
        return missing.length === 0
          ? { state: 'met', value: undefined }
          : { state: 'pending', errors: [`no pod yet in ${missing.join(', ')}`] };
      },
    },
    { timeoutMs: PODS_TIMEOUT_MS },
  );
}

describe('kubelab grade through an API-server restart', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildHonestClass>>;
  let calmOut: string;
  let rockyOut: string;
  before(async function () {
    if (TEST_CONTEXT !== OWN_CLUSTER) {
      process.stderr.write(
        `pending: the API-restart test restarts kube-apiserver on this machine, so it runs only on the project's own cluster (context ${OWN_CLUSTER}); KUBELAB_TEST_CONTEXT is ${TEST_CONTEXT}\n`,
      );
      this.skip();
    }
    cluster = await testCluster(this);
    built = await buildHonestClass({
      'rst-alice': 'correct',
      'rst-bob': 'partial',
      'rst-carl': 'starter',
      'rst-dana': 'correct',
    });
    calmOut = await mkdtemp(join(tmpdir(), 'kubelab-calm-'));
    rockyOut = await mkdtemp(join(tmpdir(), 'kubelab-restart-'));
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
    for (const out of [calmOut, rockyOut])
      if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('ends with the gradebook of an undisturbed run, no fault graded and nothing left behind', async function () {
    this.timeout(3 * RUN_TIMEOUT_MS);
    const calm = await kubelab(gradeArgs(built.dir, calmOut), {
      cwd: REPO_ROOT,
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect(calm.exitCode, transcript(calm)).to.equal(0);
    const expected = await readFile(join(calmOut, 'gradebook.csv'), 'utf8');
    expect(
      (await readJournal(journalPath(calmOut))).map((e) => [e.student.id, e.report.score]),
      'the undisturbed run grades as the profiles say',
    ).to.deep.equal(IDS.map((id) => [id, built.students.find((s) => s.id === id)?.score]));

    const started = Date.now();
    const grader = spawnKubelab(gradeArgs(built.dir, rockyOut), {
      cwd: REPO_ROOT,
      timeoutMs: RUN_TIMEOUT_MS,
    });
    await podsOfEveryStudent(cluster);
    const restart = await execa(
      'bash',
      [join(REPO_ROOT, 'scripts', 'cluster', 'restart-component.sh'), 'kube-apiserver'],
      { reject: false, all: true },
    );
    expect(restart.exitCode, restart.all).to.equal(0);
    const rocky = await grader;
    const rockyText = `exit ${rocky.exitCode}\n--- stdout\n${rocky.stdout}\n--- stderr\n${rocky.stderr}`;
    expect(rocky.exitCode, rockyText).to.be.oneOf([0, 2]);
    let resumed = '';
    if (rocky.exitCode === 2) {
      const resume = await kubelab([...gradeArgs(built.dir, rockyOut), '--resume'], {
        cwd: REPO_ROOT,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      expect(resume.exitCode, transcript(resume)).to.equal(0);
      resumed = ` + resume ${resume.seconds.toFixed(0)}s`;
    }
    const final = await readFile(join(rockyOut, 'gradebook.csv'), 'utf8');
    const retries = rocky.stderr.split('\n').filter((line) => /^\s*(retry|done)\s/.test(line));
    process.stderr.write(
      `      undisturbed run ${calm.seconds.toFixed(0)}s; run with the restart ${((Date.now() - started) / 1000).toFixed(0)}s (exit ${rocky.exitCode}${resumed})\n` +
        `      ${restart.all?.split('\n').at(-1) ?? ''}\n` +
        `      the grader during the restart:\n${indent(retries.join('\n'))}` +
        `      undisturbed gradebook:\n${indent(expected)}      final gradebook after the restart:\n${indent(final)}`,
    );
    expect(final, rockyText).to.equal(expected);
    expect(rocky.stderr, 'the grader saw the fault and graded again').to.match(
      /retry rst-[a-z]+\/crash-recovery \(attempt 2\): cluster fault/,
    );
    expect(
      (await readJournal(journalPath(rockyOut))).filter((e) => e.fault !== undefined),
    ).to.deep.equal([]);
    expect(await leftovers(cluster, IDS)).to.deep.equal([]);
  });
});

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `        ${line}\n`)
    .join('');
}
