import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  containerStatus,
  pod,
  podCondition,
  waitPod,
} from './smoke-support.js';

/**
 * The kubelet waits 10 s before restarting a crashed container, doubling up to 5 min: the second
 * restart comes ~30 s after the first start. Pod start plus that, on a loaded node: 90 s.
 */
const TWO_RESTARTS_MS = 90_000;

describe('smoke: a crashing container', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-crash');

  it('is restarted with back-off: restartCount reaches 2 and CrashLoopBackOff is observed', async function () {
    await applyAll(cluster, ns.name, [
      pod({
        name: 'crasher',
        spec: { containers: [busybox('app', ['sh', '-c', 'echo crashing; exit 3'])] },
      }),
    ]);
    const backOffs = new Set<string>();
    const restarted = await waitPod(cluster, {
      namespace: ns.name,
      name: 'crasher',
      timeoutMs: TWO_RESTARTS_MS,
      condition: podCondition({
        name: 'crasher',
        description: 'to restart app twice, in CrashLoopBackOff between',
        verdict(current) {
          const app = containerStatus(current, 'app');
          const waiting = app?.state?.waiting;
          if (waiting?.reason === 'CrashLoopBackOff') backOffs.add(waiting.message ?? '');
          const count = app?.restartCount ?? 0;
          // Only while the newest instance is not itself terminated is `logs --previous` the crash we saw.
          const settled = app?.state?.terminated === undefined;
          return count >= 2 && backOffs.size >= 2 && settled
            ? { state: 'met', value: current }
            : {
                state: 'pending',
                errors: [
                  `restartCount ${count}, state ${waiting?.reason ?? (Object.keys(app?.state ?? {}).join('') || 'unknown')}, CrashLoopBackOff seen ${backOffs.size} time(s)`,
                ],
              };
        },
      }),
    });
    const app = containerStatus(restarted, 'app');
    expect(app?.restartCount).to.be.at.least(2);
    expect(app?.lastState?.terminated?.exitCode, 'the crash exit code').to.equal(3);
    // The delay doubles: `back-off 10s …` after the first crash, `back-off 20s …` after the second (then 40s …).
    const delays = [...backOffs].map(
      (m) => /^back-off (\d+)s restarting failed container=app /.exec(m)?.[1],
    );
    expect(delays.slice(0, 2), 'back-off delays in the order the watch saw them').to.deep.equal([
      '10',
      '20',
    ]);
    const log = await cluster.logs({ namespace: ns.name, pod: 'crasher', previous: true });
    expect(log).to.equal('crashing\n');
  });
});
