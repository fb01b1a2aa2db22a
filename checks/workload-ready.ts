import { z } from 'zod';
import {
  type CheckContext,
  collectPodDiagnostics,
  defineCheck,
  Duration,
} from '../src/check-api/index.js';
import {
  POD_REF,
  describePod,
  isCrashLooping,
  isPodReady,
  isTerminating,
  podName,
  restartCount,
  type Pod,
} from './lib/pods/pod-state.js';
import { rolloutFate } from './lib/workloads/revision.js';
import { remainingSettleMs } from './lib/settle-window.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import {
  TARGET_MESSAGE,
  hasOneTarget,
  missingWorkloadMessage,
  podTargetFields,
  resolveTarget,
} from './lib/workloads/workload.js';

/**
 * Pulling an image, starting a container and passing a first readiness probe: two minutes covers a
 * cold image pull on minikube and a readiness probe with a generous initialDelaySeconds.
 */
const DEFAULT_TIMEOUT_MS = 120_000;
/**
 * How long every pod must stay Ready, without a restart, before it counts (Kubernetes'
 * minReadySeconds idea). A container with no readiness probe is Ready the moment it starts, even
 * when its command fails a few milliseconds later: five seconds lets such a crash show.
 */
const DEFAULT_SETTLE_MS = 5_000;

/** A pod of `ready` that is no longer Ready, restarted, or is going away; undefined while all hold. */
function lostReadiness(ready: readonly Pod[], now: readonly Pod[]): string | undefined {
  const byUid = new Map(now.map((pod) => [pod.metadata.uid, pod]));
  for (const before of ready) {
    const pod = byUid.get(before.metadata.uid);
    if (pod === undefined) return `pod ${podName(before)} went away`;
    if (isTerminating(pod)) return `pod ${podName(pod)} is being deleted`;
    if (!isPodReady(pod)) return `pod ${podName(pod)} stopped being Ready: ${describePod(pod)}`;
    if (restartCount(pod) > restartCount(before))
      return `pod ${podName(pod)} restarted: ${describePod(pod)}`;
  }
  return undefined;
}

/** Watches `ready` for `settleMs`: the reason one of them lost readiness, or undefined if none did. */
async function settles(
  ctx: CheckContext,
  labelSelector: string,
  ready: readonly Pod[],
  settleMs: number,
): Promise<string | undefined> {
  const seconds = Math.round(settleMs / 1000);
  const verdict = await waitVerdict<Pod, string>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, labelSelector },
    {
      description: `${ready.length} Ready pod(s) to stay Ready for ${seconds}s`,
      check(pods) {
        const lost = lostReadiness(ready, pods);
        return lost === undefined
          ? { state: 'pending', errors: ['still Ready'] }
          : { state: 'met', value: lost };
      },
    },
    settleMs,
  );
  return verdict.met ? verdict.value : undefined;
}

/** What one wait for the pods ends with: all Ready, or a pod crash-looping (of which revision is yet to tell). */
type Outcome = { readonly ready: Pod[] } | { readonly looping: Pod };

/**
 * How long to wait for the workload's controller to act on a spec just applied, before telling a
 * crash-looping pod's revision: the controller acts within a second on an idle cluster.
 */
const REVISION_WAIT_MS = 15_000;

export default defineCheck({
  kind: 'workload-ready',
  description:
    'All desired pods of a Deployment, StatefulSet, DaemonSet or ReplicaSet (or of a label selector) are Running and Ready; on failure shows each pod’s phase, container states, restart counts, events and previous logs.',
  params: z
    .strictObject({
      ...podTargetFields,
      /** Also require this many desired replicas (spec.replicas), e.g. the 3 the exercise asks for. */
      replicas: z.number().int().min(0).optional(),
      /** For a label selector: how many Ready pods are required (default 1). */
      minReady: z.number().int().min(1).default(1),
      /**
       * A container waiting in CrashLoopBackOff after this many restarts will not be Ready before the
       * back-off ends: the check fails at once instead of waiting out its timeout.
       */
      crashLoopRestarts: z.number().int().min(1).default(2),
      /** How long the pods must stay Ready without restarting before they count (default 5s). */
      settle: Duration.default(DEFAULT_SETTLE_MS),
    })
    .refine(hasOneTarget, { message: TARGET_MESSAGE }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const target = await resolveTarget(ctx, params);
    if (target === undefined) {
      return { status: 'failed', message: missingWorkloadMessage(ctx, params) };
    }
    if (params.replicas !== undefined && target.desired !== params.replicas) {
      return {
        status: 'failed',
        message: `${target.description} asks for ${target.desired ?? '?'} replica(s); the exercise asks for ${params.replicas}`,
        evidence: {
          expected: `spec.replicas: ${params.replicas}`,
          observed: `spec.replicas: ${target.desired ?? 'unset'}`,
        },
      };
    }
    const wanted = target.desired ?? params.minReady;
    if (wanted === 0) {
      return {
        status: 'failed',
        message: `${target.description} wants 0 pods, so none can be Ready`,
        evidence: { expected: 'at least one desired pod', observed: 'desired: 0' },
      };
    }
    const expected = `${wanted} pod(s) of ${target.description} Running and Ready for ${Math.round(params.settle / 1000)}s`;
    /** Crash-looping pods of a revision a rollout is replacing: they do not end the wait. */
    const replaced = new Set<string | undefined>();
    const waitReady = () =>
      waitVerdict<Pod, Outcome>(
        ctx,
        { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
        {
          description: expected,
          check(pods) {
            // Pods being deleted, and pods that ended (evicted, completed), are not the workload's pods any more.
            const live = pods.filter(
              (pod) =>
                !isTerminating(pod) &&
                pod.status?.phase !== 'Succeeded' &&
                pod.status?.phase !== 'Failed',
            );
            const ready = live.filter(isPodReady);
            const looping = live.find(
              (pod) =>
                !replaced.has(pod.metadata.uid) && isCrashLooping(pod, params.crashLoopRestarts),
            );
            if (looping !== undefined) return { state: 'met', value: { looping } };
            // Every live pod Ready: during a rollout, old Ready pods do not hide a new template that fails.
            if (ready.length >= wanted && ready.length === live.length)
              return { state: 'met', value: { ready } };
            const errors = live.filter((pod) => !isPodReady(pod)).map(describePod);
            return {
              state: 'pending',
              errors: [
                `${ready.length}/${wanted} Ready`,
                ...(live.length === 0 ? ['no pods yet'] : errors),
              ],
            };
          },
        },
        remainingBudget(ctx, startedAt),
      );
    // Ready, then Ready still after the settle window; a pod that lost readiness sends us back to
    // waiting, within the same budget. A crash loop ends the wait at once, unless the pod runs a
    // template a rollout is replacing (the student applied a fix a moment ago).
    const notes: string[] = [];
    let crashLoop: string | undefined;
    let verdict = await waitReady();
    while (verdict.met) {
      const outcome = verdict.value;
      if ('looping' in outcome) {
        const pod = outcome.looping;
        const budget = Math.min(REVISION_WAIT_MS, remainingBudget(ctx, startedAt));
        const fate = await rolloutFate(ctx, params, pod, budget);
        const loop = `pod ${podName(pod)} is in CrashLoopBackOff after ${restartCount(pod)} restart(s)`;
        if (fate.fate !== 'replaced') {
          crashLoop =
            fate.fate === 'current'
              ? `${loop}: ${describePod(pod)}`
              : `${loop} and runs an earlier template of ${target.description}: ${fate.reason}`;
          break;
        }
        replaced.add(pod.metadata.uid);
        notes.push(
          `${loop} but runs an earlier template of ${target.description}, which the rollout replaces`,
        );
        verdict = await waitReady();
        continue;
      }
      // The window counts from the pods' own Ready transitions: pods Ready for longer cost nothing.
      const settleMs = Math.min(
        remainingSettleMs(outcome.ready, params.settle, Date.now()),
        remainingBudget(ctx, startedAt),
      );
      const lost =
        settleMs > 0
          ? await settles(ctx, target.labelSelector, outcome.ready, settleMs)
          : undefined;
      if (lost === undefined) {
        return {
          status: 'passed',
          message: `${outcome.ready.length} pod(s) of ${target.description} Running and Ready (Ready for at least ${Math.round(params.settle / 1000)}s, by their Ready transition times)`,
          evidence: {
            observed: outcome.ready.map(describePod).join('\n'),
            ...(notes.length > 0 ? { notes } : {}),
          },
        };
      }
      notes.push(`Ready, then not: ${lost}`);
      verdict = await waitReady();
    }
    ctx.progress('collecting events and previous logs');
    const pods = await ctx.cluster.list<Pod>(
      { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
      ctx.signal,
    );
    const diagnostics = await collectPodDiagnostics(ctx, {
      labelSelector: target.labelSelector,
      objects: params.name === undefined ? [] : [{ kind: params.kind, name: params.name }],
    });
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    return {
      status: 'failed',
      message:
        crashLoop !== undefined
          ? `${target.description} is not Ready: ${crashLoop}`
          : `${target.description} not Ready after ${seconds}s: ${(verdict.met ? [] : verdict.errors).join('; ') || 'no pods observed'}`,
      evidence: {
        expected,
        observed: pods.length === 0 ? 'no pods' : pods.map(describePod).join('\n'),
        events: diagnostics.events,
        logs: diagnostics.logs,
        ...(notes.length > 0 ? { notes } : {}),
      },
    };
  },
});
