import { expect } from 'chai';
import type { ContainerStatus } from '../../../../checks/lib/pods/pod-state.js';
import { restartBackOff } from '../../../../checks/lib/pods/restart-back-off.js';

/** The grader's clock in these tests: a fixed instant, so nothing depends on when they run. */
const NOW = Date.parse('2026-12-06T09:00:00Z');
const secondsAgo = (s: number): string => new Date(NOW - s * 1000).toISOString();

function status(restartCount: number, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name: 'web',
    restartCount,
    state: { running: { startedAt: secondsAgo(30) } },
    ...extra,
  };
}

describe("the kubelet's restart back-off as the grader predicts it", () => {
  it('is none for a container that never restarted: the kubelet restarts its first exit at once', () => {
    expect(restartBackOff(status(0), NOW).delayMs).to.equal(0);
    expect(restartBackOff(undefined, NOW).delayMs).to.equal(0);
  });

  it('starts at 10 s after one restart and doubles with each restart up to 300 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 40].map((n) => restartBackOff(status(n), NOW).delayMs);
    expect(delays).to.deep.equal([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('says which back-off it is in the words the evidence uses', () => {
    expect(restartBackOff(status(3), NOW).reason).to.equal(
      "the kubelet's back-off after 3 restarts",
    );
    expect(restartBackOff(status(1), NOW).reason).to.equal(
      "the kubelet's back-off after 1 restart",
    );
  });

  it('is none when the container has run for over 10 min since its last restart (the kubelet resets it)', () => {
    const longRun = status(5, { state: { running: { startedAt: secondsAgo(601) } } });
    expect(restartBackOff(longRun, NOW)).to.deep.include({ delayMs: 0 });
    const justUnder = status(5, { state: { running: { startedAt: secondsAgo(599) } } });
    expect(restartBackOff(justUnder, NOW).delayMs).to.equal(160_000);
  });

  it('starts again from 10 s when the previous run lasted over 10 min (its exit reset the back-off)', () => {
    const afterLongRun = status(6, {
      lastState: { terminated: { startedAt: secondsAgo(1000), finishedAt: secondsAgo(35) } },
    });
    expect(restartBackOff(afterLongRun, NOW).delayMs).to.equal(10_000);
    const afterShortRun = status(6, {
      lastState: { terminated: { startedAt: secondsAgo(100), finishedAt: secondsAgo(35) } },
    });
    expect(restartBackOff(afterShortRun, NOW).delayMs).to.equal(300_000);
  });

  it('keeps the full back-off when the status has no times to reason from', () => {
    expect(restartBackOff({ name: 'web', restartCount: 2 }, NOW).delayMs).to.equal(20_000);
  });
});
