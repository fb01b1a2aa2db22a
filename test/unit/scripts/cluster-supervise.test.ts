import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const supervise = fileURLToPath(new URL('../../../scripts/cluster/supervise.sh', import.meta.url));

describe('supervise.sh', function () {
  this.timeout(30_000);
  let dir: string;
  let supervisor: ChildProcess | undefined;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-supervise-'));
  });

  afterEach(async function () {
    if (supervisor?.exitCode === null) supervisor.kill(); // only when the test failed before its end
    supervisor = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('doubles its back-off while the process crashes, and starts over at 1 s after a long run', async function () {
    const pidFile = join(dir, 'child.pid');
    const logFile = join(dir, 'child.log');
    // Runs 1 and 2 crash at once (status 3), run 3 runs 3 s (longer than RESET_AFTER=2) and exits
    // with status 4, run 4 removes the pid file, which ends the supervisor when it exits.
    const child = [
      'n=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo "$n" >runs',
      'case $n in 1 | 2) exit 3 ;; 3) sleep 3; exit 4 ;; *) rm child.pid; exit 0 ;; esac',
    ].join('\n');
    supervisor = spawn('bash', [supervise, pidFile, logFile, 'sh', '-c', child], {
      cwd: dir,
      env: { ...process.env, KUBELAB_SUPERVISE_RESET_AFTER: '2' },
      stdio: 'ignore',
    });
    const [code] = await once(supervisor, 'exit');
    expect(code).to.equal(0);
    const restarts = (await readFile(logFile, 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('[supervise'))
      .map((line) => line.replace(/^\[supervise [0-9:]+\] /, ''));
    expect(restarts).to.deep.equal([
      'sh exited with status 3; starting it again in 1s',
      'sh exited with status 3; starting it again in 2s',
      'sh exited with status 4; starting it again in 1s',
    ]);
  });
});
