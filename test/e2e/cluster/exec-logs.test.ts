import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { containerRestarted, podReady, podRef } from '../../../src/cluster/conditions.js';
import { ApiError } from '../../../src/cluster/errors.js';
import { ExecTimeoutError } from '../../../src/cluster/exec.js';
import { applyFixture, testCluster, withNamespace } from '../support/index.js';

/** Pods here start from a local image: 60s covers scheduling and container start on a busy node. */
const POD_START_MS = 60_000;

describe('exec and logs', function () {
  this.timeout(120_000);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });

  describe('in a running pod', function () {
    const ns = withNamespace('exec', { per: 'suite' });
    before(async function () {
      this.timeout(120_000);
      await applyFixture(cluster, 'test/fixtures/cluster/sleeper-pod.yaml', ns.scope);
      await cluster.waitFor(podRef(ns.name, 'sleeper'), podReady('sleeper'), {
        timeoutMs: POD_START_MS,
      });
    });

    it('returns the exit code, stdout and stderr of a command', async function () {
      const result = await cluster.exec({
        namespace: ns.name,
        pod: 'sleeper',
        command: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
        timeoutMs: 20_000,
      });
      expect(result).to.deep.equal({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    });

    it('runs in the named container and passes stdin', async function () {
      const result = await cluster.exec({
        namespace: ns.name,
        pod: 'sleeper',
        container: 'side',
        command: ['sh', '-c', 'cat; hostname'],
        stdin: 'hello\n',
        timeoutMs: 20_000,
      });
      expect(result.exitCode).to.equal(0);
      expect(result.stdout).to.equal('hello\nsleeper\n');
    });

    it('reports a command that cannot start as a non-zero exit with the reason', async function () {
      const result = await cluster.exec({
        namespace: ns.name,
        pod: 'sleeper',
        command: ['no-such-binary'],
        timeoutMs: 20_000,
      });
      expect(result.exitCode).to.not.equal(0);
      expect(result.stderr).to.include('no-such-binary');
    });

    it('stops a command that outlives its timeout and keeps what it printed', async function () {
      const started = Date.now();
      const error = await cluster
        .exec({
          namespace: ns.name,
          pod: 'sleeper',
          command: ['sh', '-c', 'echo started; sleep 30'],
          timeoutMs: 2_000,
        })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ExecTimeoutError);
      expect((error as ExecTimeoutError).partial.stdout).to.equal('started\n');
      expect(Date.now() - started).to.be.below(10_000);
    });

    it('names the pod when exec cannot reach it', async function () {
      const error = await cluster
        .exec({ namespace: ns.name, pod: 'absent', command: ['true'], timeoutMs: 10_000 })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ApiError).with.property('code', 404);
      expect((error as Error).message).to.include(`exec into pod ${ns.name}/absent`);
    });

    it('returns an empty previous log for a container that never restarted', async function () {
      expect(
        await cluster.logs({
          namespace: ns.name,
          pod: 'sleeper',
          container: 'main',
          previous: true,
        }),
      ).to.equal('');
    });
  });

  describe('in a crashing pod', function () {
    const ns = withNamespace('logs', { per: 'suite' });
    before(async function () {
      await applyFixture(cluster, 'test/fixtures/cluster/crashing-pod.yaml', ns.scope);
    });

    it('reads the previous container log after a crash', async function () {
      await cluster.waitFor(podRef(ns.name, 'crasher'), containerRestarted('crasher', 'app', 1), {
        timeoutMs: POD_START_MS,
      });
      const previous = await cluster.logs({ namespace: ns.name, pod: 'crasher', previous: true });
      // stdout and stderr reach the log through separate pipes: their order is not guaranteed.
      expect(previous.split('\n').filter(Boolean).sort()).to.have.lengthOf(2);
      expect(previous).to.match(/^attempt at \d+$/m);
      expect(previous).to.match(/^oops$/m);
      const tail = await cluster.logs({
        namespace: ns.name,
        pod: 'crasher',
        previous: true,
        tailLines: 1,
      });
      // tailLines keeps the last line of that same log, whichever of the two it is.
      expect(tail).to.equal(`${previous.split('\n').filter(Boolean).at(-1)}\n`);
    });

    it('lists the pod events oldest first', async function () {
      const events = await cluster.events(ns.name, { kind: 'Pod', name: 'crasher' });
      expect(events.length).to.be.greaterThan(0);
      // The pod's own events (Scheduled) and its container's, which name the container.
      expect(new Set(events.map((e) => e.object))).to.deep.equal(
        new Set(['pod/crasher', 'pod/crasher container app']),
      );
      const times = events.map((e) => e.lastSeen);
      expect(times).to.deep.equal([...times].sort());
      expect(events.map((e) => e.reason)).to.include('Scheduled');
    });
  });
});
