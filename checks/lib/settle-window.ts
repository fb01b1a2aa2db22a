import type { Pod } from './pods/pod-state.js';

/**
 * The API server keeps a condition's time to the second, dropping the fraction: a transition
 * stamped 09:59:58 happened before 09:59:59, so it is counted from there.
 */
const TIMESTAMP_RESOLUTION_MS = 1_000;

/**
 * How much of a settle window ("stay Ready for N seconds") is still to wait for these Ready pods,
 * counted from the cluster's own timestamps: each pod's Ready condition lastTransitionTime, which
 * the kubelet moves whenever readiness flips (a crash or a failing probe flips it). A pod that has
 * been Ready for longer than the window costs nothing; a pod with no transition time counts as
 * Ready just now. Each transition counts from the end of its stamped second, so the window is
 * never cut short by the timestamps' one-second resolution.
 */
export function remainingSettleMs(pods: readonly Pod[], settleMs: number, nowMs: number): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
    const since = Date.parse(ready?.lastTransitionTime ?? '');
    newest = Math.max(newest, Number.isNaN(since) ? nowMs : since + TIMESTAMP_RESOLUTION_MS);
  }
  if (pods.length === 0) return settleMs;
  return Math.min(settleMs, Math.max(0, settleMs - (nowMs - newest)));
}
