import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

/**
 * `kubelab verify` through the real binary. Whether the lab itself verifies is the lab's own e2e
 * suite's business; here the exit code, the per-lab line and the JUnit file must agree.
 */
describe('kubelab verify on the crash-recovery lab', function () {
  let cwd: string;

  before(async function () {
    await testCluster(this);
    cwd = await mkdtemp(join(tmpdir(), 'kubelab-verify-e2e-'));
  });

  after(async function () {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it('prints one line per lab, writes JUnit with two testcases, and exits 0 exactly when the line is ✓', async function () {
    this.timeout(600_000);
    const run = await kubelab(
      ['verify', 'crash-recovery', '--report', 'junit', '--out', 'verify.xml'],
      {
        cwd,
        timeoutMs: 580_000,
      },
    );
    process.stderr.write(`      kubelab verify crash-recovery took ${run.seconds.toFixed(1)}s\n`);
    expect(run.stdout, transcript(run)).to.match(
      /^[✓✗] crash-recovery {2}solution \d+\/100 {2}starter fails .+ {2}\d+\.\ds$/m,
    );
    const passed = run.stdout.startsWith('✓');
    expect(run.exitCode, transcript(run)).to.equal(passed ? 0 : 1);
    const xml = await readFile(join(cwd, 'verify.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).to.have.length(2);
    expect(xml).to.include('solution scores 100');
    expect(run.stderr).to.include('crash-recovery solution: applying solution/');
    expect(run.stderr).to.include('wrote verify.xml');
  });
});
