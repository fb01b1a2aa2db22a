import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { timeOf } from '../../../src/cluster/time.js';
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
 * The kubelet restarts a crashed container at once the first time, then waits 10 s (doubling up to
 * 5 min): the second restart comes ~10 s after the second crash. Pod start plus that: 90 s.
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
          return count >= 2 && backOffs.size > 0 && settled
            ? { state: 'met', value: current }
            : {
                state: 'pending',
                errors: [
                  `restartCount ${count}, state ${waiting?.reason ?? (Object.keys(app?.state ?? {}).join('') || 'unknown')}, CrashLoopBackOff ${backOffs.size > 0 ? 'seen' : 'not seen yet'}`,
                ],
              };
        },
      }),
    });
    const app = containerStatus(restarted, 'app');
    expect(app?.restartCount).to.be.at.least(2);
    expect(app?.lastState?.terminated?.exitCode, 'the crash exit code').to.equal(3);
    expect([...backOffs].join('\n')).to.match(/back-off \d+s restarting failed container=app/);
    // Back-off, not an immediate restart: an instance now running started well after the previous one ended.
    const endedAt = timeOf(app?.lastState?.terminated?.finishedAt);
    const startedAt = timeOf(app?.state?.running?.startedAt);
    if (endedAt !== undefined && startedAt !== undefined)
      expect(startedAt - endedAt, 'ms between crash and restart').to.be.at.least(5_000);
    const log = await cluster.logs({ namespace: ns.name, pod: 'crasher', previous: true });
    expect(log).to.equal('crashing\n');
  });
});
