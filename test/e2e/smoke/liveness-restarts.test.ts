import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  containerStatus,
  execOk,
  pod,
  podCondition,
  waitEvent,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

describe('smoke: a failing liveness probe', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-liveness');

  it('makes the kubelet kill and restart the container, which then stays up', async function () {
    await applyAll(cluster, ns.name, [
      pod({
        name: 'alive',
        spec: {
          containers: [
            {
              ...busybox('app', ['sh', '-c', 'touch /tmp/healthy && exec sleep 3600']),
              livenessProbe: {
                exec: { command: ['cat', '/tmp/healthy'] },
                periodSeconds: 1,
                failureThreshold: 1,
              },
            },
          ],
        },
      }),
    ]);
    await waitPod(cluster, { namespace: ns.name, name: 'alive', condition: podReady('alive') });
    // Break the probe: the file it reads goes away (the new container creates it again).
    await execOk(cluster, { namespace: ns.name, pod: 'alive', command: ['rm', '/tmp/healthy'] });
    const restarted = await waitPod(cluster, {
      namespace: ns.name,
      name: 'alive',
      condition: podCondition<SmokePod>({
        name: 'alive',
        description: 'to have restarted container app and be running it again',
        verdict: (p) => {
          const app = containerStatus(p, 'app');
          const count = app?.restartCount ?? 0;
          return count >= 1 && app?.state?.terminated === undefined
            ? { state: 'met', value: p }
            : { state: 'pending', errors: [`container app of pod alive restarted ${count} times`] };
        },
      }),
    });
    const app = containerStatus(restarted, 'app');
    expect(app?.restartCount).to.equal(1);
    // Killed by the kubelet (SIGKILL after the grace period: `sleep` ignores SIGTERM as PID 1), not a crash of its own.
    expect(app?.lastState?.terminated?.exitCode, 'exit code of the killed instance').to.be.oneOf([
      137, 143,
    ]);
    expect(
      await waitEvent(cluster, {
        namespace: ns.name,
        object: 'alive',
        reason: 'Unhealthy',
        message: /^Liveness probe failed/,
      }),
    ).to.match(/No such file or directory/);
    expect(
      await waitEvent(cluster, {
        namespace: ns.name,
        object: 'alive',
        reason: 'Killing',
        message: /failed liveness probe, will be restarted/,
      }),
    ).to.include('app');
    await waitPod(cluster, { namespace: ns.name, name: 'alive', condition: podReady('alive') });
  });
});
