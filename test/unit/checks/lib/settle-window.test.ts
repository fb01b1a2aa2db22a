import { expect } from 'chai';
import type { Pod } from '../../../../checks/lib/pods/pod-state.js';
import { remainingSettleMs } from '../../../../checks/lib/settle-window.js';

const NOW = Date.parse('2026-12-06T10:00:00Z');

const readyPod = (name: string, since?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  status: {
    phase: 'Running',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        ...(since === undefined ? {} : { lastTransitionTime: since }),
      },
    ],
  },
});

describe('the settle window, counted from the pods’ Ready transitions', function () {
  it('costs nothing when every pod has been Ready for longer than the window', function () {
    const pods = [readyPod('a', '2026-12-06T09:59:00Z'), readyPod('b', '2026-12-06T09:59:50Z')];
    expect(remainingSettleMs(pods, 5_000, NOW)).to.equal(0);
  });

  it('waits out the rest of the window for the pod that turned Ready last, from the end of its stamped second', function () {
    // Stamped 09:59:58: it turned Ready between 09:59:58 and 09:59:59, so only 1 s is sure to have passed.
    const pods = [readyPod('a', '2026-12-06T09:59:00Z'), readyPod('b', '2026-12-06T09:59:58Z')];
    expect(remainingSettleMs(pods, 5_000, NOW)).to.equal(4_000);
  });

  it('never lets the one-second stamps cut the window short', function () {
    // Stamped exactly one window ago: it may have turned Ready up to a second later.
    expect(remainingSettleMs([readyPod('a', '2026-12-06T09:59:55Z')], 5_000, NOW)).to.equal(1_000);
    expect(remainingSettleMs([readyPod('a', '2026-12-06T09:59:54Z')], 5_000, NOW)).to.equal(0);
  });

  it('waits the whole window for a pod with no transition time, or one stamped in the future', function () {
    expect(remainingSettleMs([readyPod('a')], 5_000, NOW)).to.equal(5_000);
    expect(remainingSettleMs([readyPod('a', '2026-12-06T10:00:09Z')], 5_000, NOW)).to.equal(5_000);
  });
});
