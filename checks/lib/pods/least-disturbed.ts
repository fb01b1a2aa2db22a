import { containerStatus, podName, restartCount, type Pod } from './pod-state.js';
import { restartBackOff, type RestartBackOff } from './restart-back-off.js';

/** A pod the grader may disturb, with the back-off the kubelet holds against its container. */
export interface Candidate {
  readonly pod: Pod;
  readonly name: string;
  readonly restarts: number;
  readonly backOff: RestartBackOff;
}

function lastFinishedMs(pod: Pod, container: string | undefined): number {
  const finished = containerStatus(pod, container)?.lastState?.terminated?.finishedAt;
  const ms = finished === undefined ? Number.NaN : Date.parse(finished);
  // Never terminated sorts before any termination: the least disturbed of all.
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Orders the pods a check may kill or break so that an earlier run's effects cannot decide the
 * result: the smallest restart back-off first (none at all when possible), then the fewest
 * restarts, then the oldest last termination, then the name. `nowMs` is when the grader will act.
 */
export function leastDisturbedFirst(
  pods: readonly Pod[],
  options: { readonly container?: string | undefined; readonly nowMs: number },
): Candidate[] {
  return pods
    .map((pod) => ({
      pod,
      name: podName(pod),
      restarts: restartCount(pod, options.container),
      backOff: restartBackOff(containerStatus(pod, options.container), options.nowMs),
      finished: lastFinishedMs(pod, options.container),
    }))
    .sort(
      (a, b) =>
        a.backOff.delayMs - b.backOff.delayMs ||
        a.restarts - b.restarts ||
        a.finished - b.finished ||
        a.name.localeCompare(b.name),
    )
    .map(({ pod, name, restarts, backOff }) => ({ pod, name, restarts, backOff }));
}

/**
 * Moves the check's deadline by the back-off its target carries, and says so: the time the kubelet
 * waits on its own account is not the submission's. Returns the note for the evidence (none when
 * there is no back-off).
 */
export function allowForBackOff(
  ctx: { extendDeadline(ms: number): number },
  target: Pick<Candidate, 'name' | 'backOff'>,
  what: string,
): string[] {
  if (target.backOff.delayMs === 0) return [];
  const granted = ctx.extendDeadline(target.backOff.delayMs);
  return [
    `waiting up to ${Math.round(granted / 1000)}s more for ${what}: ${target.backOff.reason} of pod ${target.name}`,
  ];
}
