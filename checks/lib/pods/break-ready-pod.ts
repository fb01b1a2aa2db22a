import type { CheckContext, CheckOutcome } from '../../../src/check-api/index.js';
import { GraderCommandError, graderExec } from '../grader/grader-exec.js';
import { pickReadyPod } from './pick-pod.js';
import { restartCount, type Pod } from './pod-state.js';
import type { RestartBackOff } from './restart-back-off.js';

/**
 * Picks made in all. The pod's Ready status trails the node: the container the API still shows
 * Ready may have just exited. One more pick, once it is Ready anew, is enough for a container that
 * restarted on its own; a second surprise is reported, not chased.
 */
const PICK_ATTEMPTS = 2;

export type BrokenPod =
  | {
      readonly ok: true;
      readonly pod: Pod;
      readonly name: string;
      /** restartCount of the container when the grader broke it: a restart is counted from here. */
      readonly before: number;
      /** The restart back-off the kubelet held against its container when the grader broke it. */
      readonly backOff: RestartBackOff;
      readonly notes: string[];
    }
  | { readonly ok: false; readonly outcome: CheckOutcome };

/** The kubelet found no running container of that name: it exited or is being restarted. */
export function isContainerNotRunning(error: unknown): boolean {
  return error instanceof GraderCommandError && /container not found/i.test(error.output);
}

/**
 * Picks the Ready pod of a Deployment that earlier runs disturbed least, lets `prepare` check it (an outcome ends the check), then
 * runs `command` in its container to break what the check is about. When the kubelet answers that
 * the container is not running at that moment, the grader picks again and reads restartCount
 * afresh, so the restart a check then waits for is the one its own command caused.
 */
export async function breakReadyPod(
  ctx: CheckContext,
  options: {
    readonly deployment: string;
    readonly container?: string | undefined;
    readonly command: readonly string[];
    /** How long each pick may wait for a Ready pod. */
    readonly pickTimeoutMs: number;
    /** What the check cannot observe without a Ready pod ("the liveness behaviour"). */
    readonly behaviour: string;
    readonly prepare?: (
      pod: Pod,
      name: string,
    ) => CheckOutcome | undefined | Promise<CheckOutcome | undefined>;
  },
): Promise<BrokenPod> {
  const notes: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const picked = await pickReadyPod(ctx, {
      deployment: options.deployment,
      timeoutMs: options.pickTimeoutMs,
      container: options.container,
    });
    if (!picked.ok)
      return {
        ok: false,
        outcome: {
          status: 'failed',
          message: `${picked.reason}: ${options.behaviour} cannot be observed`,
          ...(notes.length > 0 ? { evidence: { notes } } : {}),
        },
      };
    const refused = await options.prepare?.(picked.pod, picked.name);
    if (refused !== undefined) return { ok: false, outcome: refused };
    const before = restartCount(picked.pod, options.container);
    try {
      await graderExec(ctx, {
        pod: picked.name,
        container: options.container,
        command: options.command,
      });
    } catch (error) {
      if (attempt >= PICK_ATTEMPTS || !isContainerNotRunning(error)) throw error;
      notes.push(
        `the container of pod ${picked.name} was not running when the grader came to break it (restartCount was ${before}): picked a Ready pod again`,
      );
      continue;
    }
    notes.push(
      `broke pod ${picked.name} (the Ready pod with the least restart back-off) with: ${options.command.join(' ')}`,
    );
    return { ok: true, pod: picked.pod, name: picked.name, before, backOff: picked.backOff, notes };
  }
}
