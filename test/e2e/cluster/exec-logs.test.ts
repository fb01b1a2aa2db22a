import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podReady, podRef, type PodLike } from '../../../src/cluster/watch/conditions.js';
import { crashIsInPreviousLog, inRestartBackOff } from '../../../src/cluster/crashed-instance.js';
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

    it("reads the crashed instance's log after a crash, previous or current as the kubelet reports it", async function () {
      // The kubelet holds the crashed container in back-off either as waiting (CrashLoopBackOff:
      // the crash is in the previous log) or, as v1.37.2 does, still terminated (the crash is the
      // current instance's log): wait for a restart and that back-off, then read the right one.
      const pod = await cluster.waitFor<
        PodLike,
        NonNullable<NonNullable<PodLike['status']>['containerStatuses']>[number]
      >(
        podRef(ns.name, 'crasher'),
        {
          description: 'container app of pod crasher in restart back-off after a restart',
          check(objects) {
            const found = objects.find((o) => o.metadata.name === 'crasher');
            const status = found?.status?.containerStatuses?.find((c) => c.name === 'app');
            return found !== undefined &&
              status !== undefined &&
              inRestartBackOff(status, 'Always', 1)
              ? { state: 'met', value: status }
              : { state: 'pending', errors: [`app: ${JSON.stringify(status?.state ?? {})}`] };
          },
        },
        { timeoutMs: POD_START_MS },
      );
      const previous = crashIsInPreviousLog(pod);
      const log = await cluster.logs({ namespace: ns.name, pod: 'crasher', previous });
      // stdout and stderr reach the log through separate pipes: their order is not guaranteed.
      expect(log.split('\n').filter(Boolean).sort()).to.have.lengthOf(2);
      expect(log).to.match(/^attempt at \d+$/m);
      expect(log).to.match(/^oops$/m);
      const tail = await cluster.logs({
        namespace: ns.name,
        pod: 'crasher',
        previous,
        tailLines: 1,
      });
      // tailLines keeps the last line of that same log, whichever of the two it is.
      expect(tail).to.equal(`${log.split('\n').filter(Boolean).at(-1)}\n`);
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
