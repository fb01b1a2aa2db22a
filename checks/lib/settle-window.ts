import type { Pod } from './pod-state.js';

/**
 * How much of a settle window ("stay Ready for N seconds") is still to wait for these Ready pods,
 * counted from the cluster's own timestamps: each pod's Ready condition lastTransitionTime, which
 * the kubelet moves whenever readiness flips (a crash or a failing probe flips it). A pod that has
 * been Ready for longer than the window costs nothing; a pod with no transition time counts as
 * Ready just now. The timestamps have one-second resolution, so this errs on the side of waiting.
 */
export function remainingSettleMs(pods: readonly Pod[], settleMs: number, nowMs: number): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
    const since = Date.parse(ready?.lastTransitionTime ?? '');
    newest = Math.max(newest, Number.isNaN(since) ? nowMs : since);
  }
  if (pods.length === 0) return settleMs;
  return Math.min(settleMs, Math.max(0, settleMs - (nowMs - newest)));
}
