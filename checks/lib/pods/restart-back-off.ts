import type { ContainerStatus } from './pod-state.js';

/**
 * The kubelet's container restart back-off with its default settings, as in Kubernetes v1.35–1.37
 * (pkg/kubelet/kubelet.go: `initialCrashLoopBackOff`, `MaxCrashLoopBackOff` and the
 * `HasExpiredFunc` set on `klet.crashLoopBackOff`; client-go util/flowcontrol/backoff.go):
 *
 * - a container's first exit is restarted at once, and sets its back-off to 10 s;
 * - each later exit waits that back-off from the exit (`finishedAt`), then doubles it, up to 300 s;
 * - an exit more than 600 s after the back-off last moved (the kubelet's last restart of that
 *   container) starts again from scratch: restarted at once.
 *
 * The back-off lives in the kubelet's memory, per pod UID and container; a new pod (deleted and
 * recreated) has none. The alpha gate ReduceDefaultCrashLoopBackOffDecay (1 s to 60 s) and
 * `crashLoopBackOff.maxContainerRestartPeriod` (at most 300 s) only shorten it, so these defaults
 * are an upper bound on every cluster.
 */
const KUBELET_RESTART_BACK_OFF = {
  initialMs: 10_000,
  maxMs: 300_000,
  resetAfterMs: 600_000,
} as const;

export interface RestartBackOff {
  /** The longest the kubelet may wait before restarting the container if it exits now. */
  readonly delayMs: number;
  /** Why, in the words of the evidence: "the kubelet's back-off after 3 restarts". */
  readonly reason: string;
}

function timeMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * What the kubelet's back-off holds against a container that the grader would stop at `nowMs`:
 * 0 when it never restarted, or when its current run began more than 10 min ago; otherwise the
 * back-off its restarts built up, as far as the pod's status shows them (restartCount, and a last
 * run longer than 10 min, which reset the back-off). Never less than the kubelet's own.
 */
export function restartBackOff(status: ContainerStatus | undefined, nowMs: number): RestartBackOff {
  const restarts = status?.restartCount ?? 0;
  if (restarts === 0) return { delayMs: 0, reason: 'no restart yet: no back-off' };
  const { initialMs, maxMs, resetAfterMs } = KUBELET_RESTART_BACK_OFF;
  const runningSince = timeMs(status?.state?.running?.startedAt);
  if (runningSince !== undefined && nowMs - runningSince > resetAfterMs) {
    return {
      delayMs: 0,
      reason: `running for over ${resetAfterMs / 60_000} min since its last restart: the kubelet's back-off has reset`,
    };
  }
  const last = status?.lastState?.terminated;
  const lastStarted = timeMs(last?.startedAt);
  const lastFinished = timeMs(last?.finishedAt);
  const lastRunReset =
    lastStarted !== undefined &&
    lastFinished !== undefined &&
    lastFinished - lastStarted > resetAfterMs;
  const delayMs = lastRunReset
    ? initialMs
    : Math.min(maxMs, initialMs * 2 ** Math.min(restarts - 1, 30));
  return {
    delayMs,
    reason: `the kubelet's back-off after ${restarts} restart${restarts === 1 ? '' : 's'}`,
  };
}
