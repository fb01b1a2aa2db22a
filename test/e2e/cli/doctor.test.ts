import { expect } from 'chai';
import { tmpdir } from 'node:os';
import { testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

describe('kubelab doctor on the real cluster', function () {
  before(async function () {
    await testCluster(this);
  });

  it('passes every required item and exits 0', async function () {
    this.timeout(180_000);
    const run = await kubelab(['doctor'], { cwd: tmpdir() });
    process.stderr.write(`      kubelab doctor took ${run.seconds.toFixed(1)}s\n`);
    expect(run.exitCode, transcript(run)).to.equal(0);
    for (const item of [
      'kubeconfig and context',
      'cluster reachable',
      'nodes Ready',
      'cluster DNS Service',
    ]) {
      expect(run.stdout, transcript(run)).to.match(new RegExp(`^✓ ${item} `, 'm'));
    }
    expect(run.stdout).to.match(
      /^✓ DNS lookup from a pod +kubernetes\.default\.svc\.cluster\.local → \S+/m,
    );
    expect(run.stdout).not.to.match(/^✗/m);
  });

  it('names the context and exits 2 for a context the kubeconfig lacks', async function () {
    this.timeout(60_000);
    const run = await kubelab(['check', 'crash-recovery', '--context', 'no-such-context'], {
      cwd: tmpdir(),
    });
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr).to.match(/^kubelab: context "no-such-context" not found/);
    expect(run.stderr).to.match(/^try: --context /m);
  });
});
