import { z } from 'zod';
import {
  type CheckContext,
  type CheckOutcome,
  collectPodDiagnostics,
  defineCheck,
} from '../src/check-api/index.js';
import { KILL_SIGNALS, sendKill, type KillAttempt } from './lib/pods/kill-main-process.js';
import {
  POD_REF,
  containerStatus,
  describePod,
  describeTermination,
  isPodReady,
  isTerminating,
  restartCount,
  type Pod,
} from './lib/pods/pod-state.js';
import { allowForBackOff, leastDisturbedFirst } from './lib/pods/least-disturbed.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import {
  TARGET_MESSAGE,
  hasOneTarget,
  listPods,
  missingWorkloadMessage,
  podTargetFields,
  resolveTarget,
} from './lib/workloads/workload.js';

/**
 * Killing, the kubelet noticing (PLEG relist, about 1s), restarting (at once for a container that
 * never restarted, the pod the grader prefers) and passing readiness again: ninety seconds leaves
 * room for a readiness probe with a period of 10s and a failure threshold of 3. When every Ready pod
 * carries a restart back-off from earlier runs, the deadline moves by that back-off.
 */
const DEFAULT_TIMEOUT_MS = 90_000;
/** The kubelet reports a container exit within a few seconds (PLEG relists every second); ten before trying SIGKILL. */
const DEATH_NOTICE_MS = 10_000;

interface Target {
  readonly pod: string;
  readonly uid: string | undefined;
  readonly container: string;
}

function samePod(pods: readonly Pod[], target: Target): Pod | undefined {
  return pods.find((pod) => pod.metadata.name === target.pod && pod.metadata.uid === target.uid);
}

/**
 * Sends SIGTERM, then SIGKILL if the container is still running, each with the first command the
 * image can run; resolves with what was tried and whether the container stopped.
 */
async function killMainProcess(
  ctx: CheckContext,
  target: Target,
  before: number,
  startedAt: number,
) {
  const attempts: KillAttempt[] = [];
  for (const { signal, commands } of KILL_SIGNALS) {
    let sent = false;
    for (const command of commands) {
      ctx.progress(
        `sending ${signal} to the main process of ${target.pod}/${target.container}: ${command.join(' ')}`,
      );
      const attempt = await sendKill(ctx, target, command);
      attempts.push(attempt);
      if (attempt.outcome === 'sent') {
        sent = true;
        break;
      }
    }
    if (!sent) continue;
    const died = await waitVerdict<Pod, true>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${target.pod}` },
      {
        description: `container ${target.container} of pod ${target.pod} to stop after ${signal}`,
        check(pods) {
          const pod = samePod(pods, target);
          if (pod === undefined) return { state: 'met', value: true };
          const s = containerStatus(pod, target.container);
          const stopped = (s?.restartCount ?? 0) > before || s?.state?.running === undefined;
          return stopped
            ? { state: 'met', value: true }
            : { state: 'pending', errors: ['still running'] };
        },
      },
      Math.min(DEATH_NOTICE_MS, remainingBudget(ctx, startedAt)),
    );
    if (died.met) return { attempts, died: true };
  }
  return { attempts, died: false };
}

function describeAttempts(attempts: readonly KillAttempt[]): string[] {
  return attempts.map(
    (a) => `${a.command.join(' ')}: ${a.outcome}${'detail' in a ? ` (${a.detail})` : ''}`,
  );
}

export default defineCheck({
  kind: 'container-self-heals',
  description:
    'The grader kills the main process (PID 1) of a Ready pod’s container with `kill 1`; the kubelet must restart the container (restartCount +1) and the pod must be Ready again.',
  params: z
    .strictObject({
      ...podTargetFields,
      /** The container to kill (default: the pod’s first container). */
      container: z.string().min(1).optional(),
    })
    .refine(hasOneTarget, { message: TARGET_MESSAGE }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params): Promise<CheckOutcome> {
    const startedAt = Date.now();
    const resolved = await resolveTarget(ctx, params);
    if (resolved === undefined)
      return { status: 'failed', message: missingWorkloadMessage(ctx, params) };
    const ready = (await listPods(ctx, resolved.labelSelector)).filter(
      (p) => isPodReady(p) && !isTerminating(p),
    );
    const [picked] = leastDisturbedFirst(ready, { container: params.container, nowMs: Date.now() });
    if (picked === undefined) {
      return {
        status: 'failed',
        message: `no Ready pod of ${resolved.description} to kill: the pods must be Running and Ready first`,
      };
    }
    const { pod } = picked;
    const container = params.container ?? pod.spec?.containers?.[0]?.name ?? '';
    const target: Target = { pod: picked.name, uid: pod.metadata.uid, container };
    const before = restartCount(pod, container);
    const notes = [
      `killed container ${container} of pod ${target.pod} (restartCount ${before} before; the Ready pod with the least restart back-off)`,
      ...allowForBackOff(ctx, picked, 'the restart'),
    ];

    const { attempts, died } = await killMainProcess(ctx, target, before, startedAt);
    notes.push(...describeAttempts(attempts));
    if (!died) {
      const ran = attempts.some((a) => a.outcome === 'sent');
      return {
        status: 'failed',
        message: ran
          ? `the main process of ${target.pod}/${container} survived kill 1 and kill -9 1: PID 1 ignores signals it has no handler for. Run a process that handles SIGTERM (e.g. sh -c 'trap "exit 1" TERM; …')`
          : `could not kill the main process of ${target.pod}/${container}: the image has neither a kill binary nor /bin/sh. Deleting and recreating the pod would not test a restart by the kubelet, so the grader does not; use an image with a shell (e.g. busybox)`,
        evidence: { expected: `container ${container} to stop after kill 1`, notes },
      };
    }

    const expected = `pod ${target.pod}: restartCount ${before + 1} and Ready again`;
    const verdict = await waitVerdict<Pod, Pod | string>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${target.pod}` },
      {
        description: expected,
        check(pods) {
          const current = samePod(pods, target);
          if (current === undefined)
            return {
              state: 'met',
              value: `pod ${target.pod} was deleted or replaced instead of restarted`,
            };
          const count = restartCount(current, container);
          if (count > before && isPodReady(current)) return { state: 'met', value: current };
          return { state: 'pending', errors: [describePod(current)] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    const after = verdict.met && typeof verdict.value !== 'string' ? verdict.value : undefined;
    const last =
      after === undefined ? undefined : containerStatus(after, container)?.lastState?.terminated;
    if (last !== undefined) notes.push(`last termination: ${describeTermination(last)}`);
    if (after !== undefined) {
      const count = restartCount(after, container);
      notes.push(`restartCount ${before} → ${count}`);
      if (count === before + 1) {
        return {
          status: 'passed',
          message: `the kubelet restarted ${target.pod}/${container} after kill 1 (restartCount ${before} → ${count}) and the pod is Ready again`,
          evidence: { expected, observed: describePod(after), notes },
        };
      }
      return {
        status: 'failed',
        message: `${target.pod}/${container} restarted ${count - before} times after one kill (restartCount ${before} → ${count}): it crashes again after restarting`,
        evidence: {
          expected,
          observed: describePod(after),
          notes,
          ...(await collectPodDiagnostics(ctx, { podNames: [target.pod] })),
        },
      };
    }
    const diagnostics = await collectPodDiagnostics(ctx, { podNames: [target.pod] });
    const why = verdict.met ? String(verdict.value) : verdict.errors.join('; ');
    return {
      status: 'failed',
      message: `${target.pod}/${container} was not restarted and Ready again in time after kill 1: ${why}`,
      evidence: {
        expected,
        observed: why,
        notes,
        events: diagnostics.events,
        logs: diagnostics.logs,
      },
    };
  },
});
