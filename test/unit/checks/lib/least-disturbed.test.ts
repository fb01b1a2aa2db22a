import { expect } from 'chai';
import {
  allowForBackOff,
  leastDisturbedFirst,
} from '../../../../checks/lib/pods/least-disturbed.js';
import type { Pod } from '../../../../checks/lib/pods/pod-state.js';

const NOW = Date.parse('2026-12-06T09:00:00Z');
const secondsAgo = (s: number): string => new Date(NOW - s * 1000).toISOString();

function pod(
  name: string,
  options: { restarts: number; runningFor?: number; lastFinished?: number },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'web' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'web',
          restartCount: options.restarts,
          state: { running: { startedAt: secondsAgo(options.runningFor ?? 30) } },
          ...(options.lastFinished === undefined
            ? {}
            : {
                lastState: {
                  terminated: {
                    startedAt: secondsAgo(options.lastFinished + 20),
                    finishedAt: secondsAgo(options.lastFinished),
                  },
                },
              }),
        },
      ],
    },
  };
}

const names = (pods: readonly Pod[], container?: string): string[] =>
  leastDisturbedFirst(pods, { container, nowMs: NOW }).map((c) => c.name);

describe('picking the pod an earlier run disturbed least', () => {
  it('prefers a pod that was never restarted over the first by name, which an earlier run killed', () => {
    expect(
      names([pod('web-a', { restarts: 1, lastFinished: 40 }), pod('web-b', { restarts: 0 })]),
    ).to.deep.equal(['web-b', 'web-a']);
  });

  it('alternates between two pods as runs repeat, rather than growing one back-off', () => {
    const picked: string[] = [];
    const restarts = new Map([
      ['web-a', 0],
      ['web-b', 0],
    ]);
    for (let run = 0; run < 6; run += 1) {
      const pods = [...restarts].map(([name, n]) =>
        pod(name, { restarts: n, lastFinished: n === 0 ? undefined : 60 - run }),
      );
      const first = names(pods)[0] ?? '';
      picked.push(first);
      restarts.set(first, (restarts.get(first) ?? 0) + 1);
    }
    expect(picked).to.deep.equal(['web-a', 'web-b', 'web-a', 'web-b', 'web-a', 'web-b']);
  });

  it('prefers a pod whose back-off has reset (over 10 min running) even with more restarts', () => {
    expect(
      names([pod('web-a', { restarts: 1 }), pod('web-b', { restarts: 4, runningFor: 700 })]),
    ).to.deep.equal(['web-b', 'web-a']);
  });

  it('breaks a tie on restarts with the oldest last termination, then the name', () => {
    expect(
      names([
        pod('web-c', { restarts: 2, lastFinished: 50 }),
        pod('web-a', { restarts: 2, lastFinished: 10 }),
        pod('web-b', { restarts: 2, lastFinished: 50 }),
      ]),
    ).to.deep.equal(['web-b', 'web-c', 'web-a']);
  });

  it('reads the named container, not the first one', () => {
    const sidecarRestarted: Pod = {
      ...pod('web-a', { restarts: 0 }),
      spec: { containers: [{ name: 'web' }, { name: 'log' }] },
    };
    sidecarRestarted.status?.containerStatuses?.push({ name: 'log', restartCount: 3 });
    expect(names([sidecarRestarted, pod('web-b', { restarts: 1 })], 'log')).to.deep.equal([
      'web-b',
      'web-a',
    ]);
    expect(names([sidecarRestarted, pod('web-b', { restarts: 1 })], 'web')).to.deep.equal([
      'web-a',
      'web-b',
    ]);
  });
});

describe('allowing for the back-off of the pod picked', () => {
  it('extends the deadline by the back-off and says so in the evidence', () => {
    const asked: number[] = [];
    const ctx = { extendDeadline: (ms: number) => (asked.push(ms), ms) };
    const [target] = leastDisturbedFirst([pod('web-a', { restarts: 3 })], { nowMs: NOW });
    if (target === undefined) throw new Error('no candidate');
    expect(allowForBackOff(ctx, target, 'the restart')).to.deep.equal([
      "waiting up to 40s more for the restart: the kubelet's back-off after 3 restarts of pod web-a",
    ]);
    expect(asked).to.deep.equal([40_000]);
  });

  it('asks for nothing and says nothing when the pod has no back-off', () => {
    const asked: number[] = [];
    const ctx = { extendDeadline: (ms: number) => (asked.push(ms), ms) };
    const [target] = leastDisturbedFirst([pod('web-a', { restarts: 0 })], { nowMs: NOW });
    if (target === undefined) throw new Error('no candidate');
    expect(allowForBackOff(ctx, target, 'the restart')).to.deep.equal([]);
    expect(asked).to.deep.equal([]);
  });
});
