import { z } from 'zod';
import { collectPodDiagnostics, defineCheck } from '../src/check-api/index.js';
import { breakReadyPod } from './lib/pods/break-ready-pod.js';
import { allowForBackOff } from './lib/pods/least-disturbed.js';
import { graderExecQuietly } from './lib/grader/grader-exec.js';
import {
  POD_REF,
  containerStatus,
  describePod,
  describeTermination,
  isPodReady,
  restartCount,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { livenessWindowMs } from './lib/pods/watch-restarts.js';

/**
 * The liveness probe notices (period × threshold, a few seconds here), the kubelet kills and
 * restarts the container, and the new one passes readiness: ninety seconds. A restart back-off left
 * by earlier runs on every Ready pod moves the deadline by that back-off.
 */
const DEFAULT_TIMEOUT_MS = 90_000;

export default defineCheck({
  kind: 'liveness-restarts-container',
  description:
    'The grader makes one pod’s liveness endpoint fail inside the container: the kubelet restarts that container (restartCount +1) and the pod is Ready again.',
  params: z.strictObject({
    deployment: z.string().min(1),
    container: z.string().min(1).optional(),
    /** argv that makes the liveness endpoint fail inside the container. */
    breakCommand: z.array(z.string()).min(1),
    /** argv that makes it answer again (used only when no restart came). */
    restoreCommand: z.array(z.string()).min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const expectedFor = (pod: string, before: number): string =>
      `the container of pod ${pod} restarted once (restartCount ${before} → ${before + 1}) after its liveness endpoint failed, then Ready again`;
    ctx.progress('making /healthz fail in a Ready pod');
    const broken = await breakReadyPod(ctx, {
      deployment: params.deployment,
      container: params.container,
      command: params.breakCommand,
      pickTimeoutMs: remainingBudget(ctx, startedAt) / 3,
      behaviour: 'the liveness behaviour',
      prepare(picked, name) {
        const containers = (picked.spec?.containers ?? []) as {
          name: string;
          livenessProbe?: unknown;
        }[];
        const spec =
          params.container === undefined
            ? containers[0]
            : containers.find((c) => c.name === params.container);
        if (spec?.livenessProbe !== undefined) return undefined;
        return {
          status: 'failed',
          message: `the container of pod ${name} has no livenessProbe: nothing would restart it when /healthz stops answering`,
          evidence: { expected: expectedFor(name, restartCount(picked, params.container)) },
        };
      },
    });
    if (!broken.ok) return broken.outcome;
    const { name: pod, before, notes } = broken;
    const expected = expectedFor(pod, before);
    // The kubelet restarts a container it already restarted only after its back-off: that wait is
    // Kubernetes' own, so the deadline moves by it and the restart window grows by it.
    notes.push(...allowForBackOff(ctx, broken, 'the restart'));
    // The probe reacts within period × threshold; ten more seconds for the kill and the new start.
    const restartWindowMs =
      livenessWindowMs(broken.pod, params.container) + 10_000 + broken.backOff.delayMs;
    const podRef = {
      ...POD_REF,
      namespace: ctx.scope.namespace,
      fieldSelector: `metadata.name=${pod}`,
    };
    let restarted = false;
    try {
      const brokenAt = Date.now();
      const restart = await waitVerdict<Pod, number>(
        ctx,
        podRef,
        {
          description: `the container of pod ${pod} to be restarted by its liveness probe`,
          check(pods) {
            const current = pods[0];
            if (current === undefined)
              return {
                state: 'impossible',
                reason: `pod ${pod} was deleted instead of its container being restarted`,
              };
            const count = restartCount(current, params.container);
            return count > before
              ? { state: 'met', value: count }
              : { state: 'pending', errors: [`restartCount still ${count}`] };
          },
        },
        Math.min(restartWindowMs, remainingBudget(ctx, startedAt)),
      );
      if (!restart.met) {
        const diagnostics = await collectPodDiagnostics(ctx, { podNames: [pod] });
        return {
          status: 'failed',
          message: `the container of pod ${pod} was not restarted within ${Math.round((Date.now() - brokenAt) / 1000)}s of its liveness endpoint failing (${restart.errors.join('; ')}): does the liveness probe check /healthz with httpGet?`,
          evidence: {
            expected,
            observed: restart.errors.join('\n'),
            events: diagnostics.events,
            notes,
          },
        };
      }
      restarted = true;
      const verdict = await waitVerdict<Pod, Pod>(
        ctx,
        podRef,
        {
          description: `pod ${pod} to be Ready again after the restart`,
          check(pods) {
            const current = pods[0];
            if (current === undefined)
              return { state: 'impossible', reason: `pod ${pod} was deleted` };
            return isPodReady(current)
              ? { state: 'met', value: current }
              : { state: 'pending', errors: [describePod(current)] };
          },
        },
        remainingBudget(ctx, startedAt),
      );
      if (!verdict.met) {
        const diagnostics = await collectPodDiagnostics(ctx, { podNames: [pod] });
        return {
          status: 'failed',
          message: `the container of pod ${pod} was restarted but the pod did not become Ready again: ${verdict.errors.join('; ')}`,
          evidence: {
            expected,
            observed: verdict.errors.join('\n'),
            events: diagnostics.events,
            logs: diagnostics.logs,
            notes,
          },
        };
      }
      const last = containerStatus(verdict.value, params.container)?.lastState?.terminated;
      notes.push(
        `restarted and Ready again ${((Date.now() - brokenAt) / 1000).toFixed(1)}s after the break`,
      );
      if (last !== undefined) notes.push(`last state: terminated (${describeTermination(last)})`);
      return {
        status: 'passed',
        message: `the kubelet restarted the container of pod ${pod} when /healthz failed (restartCount ${before} → ${restartCount(verdict.value, params.container)}) and it is Ready again`,
        evidence: { observed: describePod(verdict.value), notes },
      };
    } finally {
      if (!restarted)
        await graderExecQuietly(ctx, {
          pod,
          container: params.container,
          command: params.restoreCommand,
        });
    }
  },
});
