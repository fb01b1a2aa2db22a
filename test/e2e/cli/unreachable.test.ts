import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubelab, transcript } from './run-kubelab.js';

/**
 * A guard against a hang, not a time limit on the CLI: a whole kubelab process runs from the
 * sources through tsx, 3–4 s on an idle machine, and took 60 s for doctor plus check in one CI run
 * with seven e2e workers beside it (`--help` alone has taken 12.6 s at load average 20).
 */
const CLI_GUARD_MS = 180_000;

/** A kubeconfig whose only context points at a port where nothing listens (a real refused connection). */
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: nowhere
    cluster:
      server: https://127.0.0.1:1
      insecure-skip-tls-verify: true
users:
  - name: nobody
    user:
      token: not-a-token
contexts:
  - name: nowhere
    context: { cluster: nowhere, user: nobody }
current-context: nowhere
`;

describe('kubelab against a cluster that does not answer', function () {
  let dir: string;
  let kubeconfig: string;

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-unreachable-'));
    kubeconfig = join(dir, 'config');
    await writeFile(kubeconfig, KUBECONFIG);
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('check exits 2 naming the context and the server, with a try line and no stack', async function () {
    this.timeout(CLI_GUARD_MS);
    const run = await kubelab(
      ['check', 'crash-recovery', '--kubeconfig', kubeconfig, '--context', 'nowhere'],
      { cwd: dir },
    );
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr).to.match(
      /^kubelab: cluster unreachable: context "nowhere" \(server https:\/\/127\.0\.0\.1:1\)/,
    );
    expect(run.stderr).to.match(/^try: `kubectl --context nowhere get nodes`/m);
    expect(run.stderr).not.to.include('    at ');
  });

  it('doctor marks the cluster unreachable, skips the rest, and exits 2 like check', async function () {
    this.timeout(CLI_GUARD_MS);
    const run = await kubelab(['doctor', '--kubeconfig', kubeconfig, '--context', 'nowhere'], {
      cwd: dir,
    });
    const check = await kubelab(
      ['check', 'probes', '--kubeconfig', kubeconfig, '--context', 'nowhere'],
      { cwd: dir },
    );
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.exitCode, 'doctor and check, same unreachable cluster').to.equal(check.exitCode);
    expect(run.stdout).to.match(/^✓ kubeconfig and context +context nowhere in /m);
    expect(run.stdout).to.match(/^✗ cluster reachable +cluster unreachable: context "nowhere"/m);
    expect(run.stdout).to.match(/^- nodes Ready +skipped/m);
  });

  it('doctor and check exit alike (2) when the kubeconfig names no such context', async function () {
    this.timeout(CLI_GUARD_MS);
    const args = ['--kubeconfig', kubeconfig, '--context', 'absent'];
    // Side by side: two whole CLI processes, neither waits on the other.
    const [doctor, check] = await Promise.all([
      kubelab(['doctor', ...args], { cwd: dir }),
      kubelab(['check', 'probes', ...args], { cwd: dir }),
    ]);
    expect(doctor.exitCode, transcript(doctor)).to.equal(2);
    expect(check.exitCode, transcript(check)).to.equal(2);
  });

  it('prints the cause chain with --debug', async function () {
    this.timeout(CLI_GUARD_MS);
    // cleanup reads no lab, so only the cluster can fail here.
    const run = await kubelab(
      ['cleanup', '--kubeconfig', kubeconfig, '--context', 'nowhere', '--debug'],
      {
        cwd: dir,
      },
    );
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr, transcript(run)).to.include('--- error: ClusterUnreachableError');
    expect(run.stderr, transcript(run)).to.include('--- cause 1:');
  });
});
