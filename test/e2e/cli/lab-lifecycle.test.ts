import { expect } from 'chai';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster } from '../support/index.js';
import { kubelab as runKubelab, transcript } from './run-kubelab.js';

/** The lab the session works on, copied under an id of its own (see the suite's comment). */
const SOURCE_LAB = 'crash-recovery';
const LAB = 'lifecycle-e2e';
const NAMESPACE = `kubelab-${LAB}`;

/** `<tmp>/labs/lifecycle-e2e`: the crash-recovery lab as it ships, with only its id changed. */
async function copyLab(root: string): Promise<string> {
  const labsDir = join(root, 'labs');
  await cp(join(REPO_ROOT, 'labs', SOURCE_LAB), join(labsDir, LAB), { recursive: true });
  const file = join(labsDir, LAB, 'lab.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^id: crash-recovery$/m, `id: ${LAB}`));
  return labsDir;
}

/**
 * A student's whole session with the real binary on the real cluster, in order: start --apply,
 * a refused overwrite, check (starter fails, then the solution passes) with JUnit reports, reset,
 * cleanup. The tests share the namespace kubelab-lifecycle-e2e and run in sequence.
 *
 * The lab is crash-recovery copied under the id lifecycle-e2e into a labs dir of the suite's own
 * (`--labs-dir`): `kubelab cleanup --lab <id>` rightly deletes every namespace of that lab on the
 * cluster, and under its real id it would take the other suites' crash-recovery namespaces along.
 */
describe('kubelab start, check, reset and cleanup on a copy of the crash-recovery lab', function () {
  let cluster: ClusterClient;
  let cwd: string;
  let labsDir: string;
  const work = (): string => join(cwd, 'kubelab-work', LAB);
  /** The real binary with this suite's labs dir. */
  const kubelab = (
    args: readonly string[],
    options: Parameters<typeof runKubelab>[1],
  ): ReturnType<typeof runKubelab> => runKubelab([...args, '--labs-dir', labsDir], options);

  before(async function () {
    cluster = await testCluster(this);
    cwd = await mkdtemp(join(tmpdir(), 'kubelab-cli-e2e-'));
    labsDir = await copyLab(cwd);
  });

  after(async function () {
    this.timeout(180_000);
    if (cluster !== undefined && labsDir !== undefined)
      await kubelab(['cleanup', '--lab', LAB, '--yes'], { cwd: tmpdir() });
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it('start --apply creates the namespace, writes the instructions and starter, and applies it', async function () {
    this.timeout(240_000);
    const run = await kubelab(['start', LAB, '--apply'], { cwd });
    expect(run.exitCode, transcript(run)).to.equal(0);
    expect((await readdir(work())).sort()).to.deep.equal([
      'README.fr.md',
      'README.md',
      'deployment.yaml',
    ]);
    const starter = await readFile(
      join(REPO_ROOT, 'labs', SOURCE_LAB, 'starter', 'deployment.yaml'),
      'utf8',
    );
    expect(await readFile(join(work(), 'deployment.yaml'), 'utf8')).to.equal(starter);
    expect(run.stdout).to.include(`namespace  ${NAMESPACE}`);
    expect(run.stdout).to.match(/starter\/deployment\.yaml:\d+ Deployment web: applied/);
    expect(run.stdout).to.include(`kubectl -n ${NAMESPACE} apply -f kubelab-work/${LAB}/`);
    expect(run.stdout).to.include(`kubelab check ${LAB}`);
    const deployment = await cluster.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: NAMESPACE,
      name: 'web',
    });
    expect(deployment?.metadata.name).to.equal('web');
  });

  it('start refuses to overwrite a manifest the student changed, with exit 2', async function () {
    this.timeout(60_000);
    await writeFile(join(work(), 'deployment.yaml'), '# my own attempt\n');
    const run = await kubelab(['start', LAB], { cwd });
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr).to.match(/^kubelab: .*deployment\.yaml/);
    expect(run.stderr).to.include('--force');
    expect(await readFile(join(work(), 'deployment.yaml'), 'utf8')).to.equal('# my own attempt\n');
  });

  it('check fails the crash-looping starter with exit 1 and writes a JUnit report', async function () {
    this.timeout(400_000);
    const run = await kubelab(['check', LAB, '--report', 'junit', '--out', 'reports/starter.xml'], {
      cwd,
    });
    process.stderr.write(`      check of the starter took ${run.seconds.toFixed(1)}s\n`);
    expect(run.exitCode, transcript(run)).to.equal(1);
    const xml = await readFile(join(cwd, 'reports', 'starter.xml'), 'utf8');
    expect(xml).to.include('<testsuite');
    expect(xml).to.include('pods-ready');
    expect(xml).to.include('<failure');
    expect(run.stdout).to.match(/0\s*\/\s*100|\b0\/100\b/);
  });

  it('Ctrl-C during check stops the wait, prints the partial report and exits 130', async function () {
    this.timeout(120_000);
    const child = execa(
      'node',
      [
        join(REPO_ROOT, 'bin', 'kubelab.js'),
        'check',
        LAB,
        '--context',
        TEST_CONTEXT,
        '--labs-dir',
        labsDir,
      ],
      {
        cwd,
        reject: false,
        env: { NO_COLOR: '1' },
      },
    );
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes(`… ${LAB}/pods-ready`)) resolve();
      });
      void child.then(() => resolve());
    });
    const started = Date.now();
    child.kill('SIGINT');
    const result = await child;
    process.stderr.write(
      `      check stopped ${((Date.now() - started) / 1000).toFixed(1)}s after SIGINT\n`,
    );
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).to.equal(130);
    expect(result.stderr).to.include('interrupted');
    expect(result.stdout).to.include('pods-ready');
  });

  it('check passes with exit 0 once the solution is applied, and writes json and junit with --out-dir', async function () {
    this.timeout(400_000);
    const solution = join(REPO_ROOT, 'labs', SOURCE_LAB, 'solution');
    await execa('kubectl', ['--context', TEST_CONTEXT, '-n', NAMESPACE, 'apply', '-f', solution]);
    const run = await kubelab(
      ['check', LAB, '--report', 'json', '--report', 'junit', '--out-dir', 'out'],
      { cwd },
    );
    process.stderr.write(`      check of the solution took ${run.seconds.toFixed(1)}s\n`);
    expect(run.exitCode, transcript(run)).to.equal(0);
    const report = JSON.parse(await readFile(join(cwd, 'out', 'kubelab-report.json'), 'utf8')) as {
      score: number;
      maxScore: number;
    };
    expect(report.score).to.equal(100);
    expect(report.maxScore).to.equal(100);
    expect(existsSync(join(cwd, 'out', 'kubelab-report.xml'))).to.equal(true);
  });

  it('reset deletes and recreates the namespace, leaving the work files alone', async function () {
    this.timeout(240_000);
    const before = await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE });
    const run = await kubelab(['reset', LAB], { cwd });
    expect(run.exitCode, transcript(run)).to.equal(0);
    expect(run.stdout).to.include(`deleted namespace/${NAMESPACE}`);
    const after = await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE });
    expect(after?.metadata.uid).to.be.a('string').and.not.equal(before?.metadata.uid);
    const pods = await cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: NAMESPACE });
    expect(pods).to.deep.equal([]);
    expect(await readFile(join(work(), 'deployment.yaml'), 'utf8')).to.equal('# my own attempt\n');
  });

  it('check of a lab that was not started exits 2 and says to start it', async function () {
    this.timeout(240_000);
    await kubelab(['cleanup', '--lab', LAB, '--yes'], { cwd });
    const run = await kubelab(['check', LAB], { cwd });
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr).to.include(`namespace ${NAMESPACE} does not exist`);
    expect(run.stderr).to.include(`try: kubelab start ${LAB}`);
  });

  it('cleanup lists without --yes, deletes with it, and the namespace is gone', async function () {
    this.timeout(240_000);
    const started = await kubelab(['start', LAB, '--force'], { cwd, timeoutMs: 120_000 });
    expect(started.exitCode, transcript(started)).to.equal(0);
    expect(started.stdout).to.include('replaced   deployment.yaml (--force)');
    const listing = await kubelab(['cleanup', '--lab', LAB], { cwd });
    expect(listing.exitCode, transcript(listing)).to.equal(0);
    expect(listing.stdout).to.include(`namespace/${NAMESPACE}`);
    expect(listing.stdout).to.include('run again with --yes');
    expect(
      await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE }),
    ).not.to.equal(undefined);
    const run = await kubelab(['cleanup', '--lab', LAB, '--yes'], { cwd });
    expect(run.exitCode, transcript(run)).to.equal(0);
    expect(run.stdout).to.include(`deleted namespace/${NAMESPACE}`);
    expect(await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE })).to.equal(
      undefined,
    );
  });
});
