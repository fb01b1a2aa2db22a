import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import {
  ENDPOINT_SLICE_REF,
  podEndpoints,
  sliceSelector,
  type EndpointSlice,
} from './lib/network/endpoint-slices.js';
import { breakReadyPod } from './lib/pods/break-ready-pod.js';
import { graderExec, graderExecQuietly } from './lib/grader/grader-exec.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { livenessWindowMs, watchForRestart } from './lib/pods/watch-restarts.js';

/**
 * Readiness failure (a few probe periods), a window as long as the liveness probe's reaction time
 * to prove no restart, then recovery (a few periods again): with 2–5 s periods, two minutes.
 */
const DEFAULT_TIMEOUT_MS = 120_000;

type Membership = 'out' | 'in';

export default defineCheck({
  kind: 'readiness-leaves-endpoints',
  description:
    'The grader makes one pod’s readiness endpoint fail: that pod leaves the Service’s EndpointSlice and is not restarted; once the endpoint is restored it comes back.',
  params: z.strictObject({
    service: z.string().min(1),
    deployment: z.string().min(1),
    container: z.string().min(1).optional(),
    /** argv that makes the readiness endpoint fail inside the container. */
    breakCommand: z.array(z.string()).min(1),
    /** argv that makes it answer again. */
    restoreCommand: z.array(z.string()).min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const namespace = ctx.scope.namespace;
    const service = await ctx.cluster.get(
      { apiVersion: 'v1', kind: 'Service', namespace, name: params.service },
      ctx.signal,
    );
    if (service === undefined) {
      return {
        status: 'failed',
        message: `Service ${params.service} not found in namespace ${namespace}: without it no pod can leave or join its endpoints`,
      };
    }
    const expectedFor = (pod: string): string =>
      `pod ${pod} removed from Service ${params.service}'s EndpointSlice while its readiness endpoint fails, not restarted, and back once it answers again`;
    const membership = (pod: string, want: Membership, budgetMs: number) =>
      waitVerdict<EndpointSlice, true>(
        ctx,
        { ...ENDPOINT_SLICE_REF, namespace, labelSelector: sliceSelector(params.service) },
        {
          description: `pod ${pod} to be ${want === 'out' ? 'out of' : 'back in'} Service ${params.service}'s ready endpoints`,
          check(slices) {
            const endpoint = podEndpoints(slices).find((e) => e.pod === pod);
            const ready = endpoint?.ready === true;
            if ((want === 'out') === !ready) return { state: 'met', value: true };
            return {
              state: 'pending',
              errors: [
                `pod ${pod} is ${endpoint === undefined ? 'not listed' : ready ? 'listed as ready' : 'listed as not ready'}`,
              ],
            };
          },
        },
        budgetMs,
      );
    ctx.progress('making /ready fail in a Ready pod');
    const broken = await breakReadyPod(ctx, {
      deployment: params.deployment,
      container: params.container,
      command: params.breakCommand,
      pickTimeoutMs: remainingBudget(ctx, startedAt) / 3,
      behaviour: 'the readiness behaviour',
      async prepare(_picked, pod) {
        const listed = await membership(
          pod,
          'in',
          Math.min(30_000, remainingBudget(ctx, startedAt) / 4),
        );
        if (listed.met) return undefined;
        return {
          status: 'failed',
          message: `pod ${pod} is not a ready endpoint of Service ${params.service} to begin with (${listed.errors.join('; ')}): create the Service and make it select the pods`,
          evidence: { expected: expectedFor(pod), observed: listed.errors.join('\n') },
        };
      },
    });
    if (!broken.ok) return broken.outcome;
    const { name: pod, before, notes } = broken;
    const expected = expectedFor(pod);
    let restoring = true;
    try {
      const brokenAt = Date.now();
      const left = await membership(pod, 'out', remainingBudget(ctx, startedAt) / 3);
      if (!left.met) {
        return {
          status: 'failed',
          message: `pod ${pod} stayed in Service ${params.service}'s ready endpoints after its readiness endpoint started failing: does the readiness probe check that endpoint?`,
          evidence: { expected, observed: left.errors.join('\n'), notes },
        };
      }
      notes.push(
        `left the ready endpoints ${((Date.now() - brokenAt) / 1000).toFixed(1)}s after the break`,
      );
      const windowMs = livenessWindowMs(broken.pod, params.container);
      ctx.progress(`watching pod ${pod} for ${Math.round(windowMs / 1000)}s: it must not restart`);
      const restart = await watchForRestart(ctx, {
        pod,
        container: params.container,
        before,
        windowMs,
      });
      if (restart.restarted) {
        return {
          status: 'failed',
          message: restart.gone
            ? `pod ${pod} was deleted while only its readiness failed`
            : `the container of pod ${pod} was restarted (restartCount ${before} → ${restart.count}) although only readiness failed: a readiness failure must only take the pod out of the Service — is the liveness probe pointed at the readiness endpoint?`,
          evidence: { expected, notes },
        };
      }
      notes.push(`no restart during ${Math.round(windowMs / 1000)}s with readiness failing`);
      ctx.progress(`restoring /ready in pod ${pod}`);
      await graderExec(ctx, { pod, container: params.container, command: params.restoreCommand });
      restoring = false;
      const restoredAt = Date.now();
      const back = await membership(pod, 'in', remainingBudget(ctx, startedAt));
      if (!back.met) {
        return {
          status: 'failed',
          message: `pod ${pod} did not come back into Service ${params.service}'s ready endpoints after its readiness endpoint answered again`,
          evidence: { expected, observed: back.errors.join('\n'), notes },
        };
      }
      notes.push(
        `back in the ready endpoints ${((Date.now() - restoredAt) / 1000).toFixed(1)}s after the restore`,
      );
      return {
        status: 'passed',
        message: `pod ${pod} left Service ${params.service}'s ready endpoints while /ready failed, was not restarted, and came back once restored`,
        evidence: { notes },
      };
    } finally {
      if (restoring)
        await graderExecQuietly(ctx, {
          pod,
          container: params.container,
          command: params.restoreCommand,
        });
    }
  },
});
