import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { collectPodDiagnostics, defineCheck } from '../src/check-api/index.js';
import {
  POD_REF,
  containerStatus,
  describePod,
  isPodReady,
  restartCount,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/** The program allocates within a second and then reports Ready through its probe: a minute. */
const DEFAULT_TIMEOUT_MS = 60_000;

type ProgramPod = Pod;
interface ProgramContainer {
  name: string;
  command?: string[];
  args?: string[];
}

function program(
  pod: ProgramPod | undefined,
  container: string | undefined,
): { command?: string[]; args?: string[] } | undefined {
  const containers = (pod?.spec?.containers ?? []) as ProgramContainer[];
  const c = container === undefined ? containers[0] : containers.find((x) => x.name === container);
  return c === undefined ? undefined : { command: c.command, args: c.args };
}

export default defineCheck({
  kind: 'runs-without-oom',
  description:
    'A pod running the same memory-hungry program as the OOM demo, with a limit that fits it, is Ready with no restart and no OOMKilled termination, and its log shows the allocation succeeded.',
  params: z.strictObject({
    pod: z.string().min(1),
    container: z.string().min(1).optional(),
    /** The demo pod whose program this one must run unchanged. */
    sameProgramAs: z.string().min(1).optional(),
    /** A line the program logs once its memory is allocated (regular expression). */
    logPattern: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const namespace = ctx.scope.namespace;
    const expected = `pod ${params.pod} Ready, 0 restarts, never OOMKilled, log matching /${params.logPattern}/`;
    if (params.sameProgramAs !== undefined) {
      const [demo, fixed] = await Promise.all([
        ctx.cluster.get<ProgramPod>(
          { ...POD_REF, namespace, name: params.sameProgramAs },
          ctx.signal,
        ),
        ctx.cluster.get<ProgramPod>({ ...POD_REF, namespace, name: params.pod }, ctx.signal),
      ]);
      if (
        demo !== undefined &&
        fixed !== undefined &&
        !isDeepStrictEqual(program(demo, params.container), program(fixed, params.container))
      ) {
        return {
          status: 'failed',
          message: `pod ${params.pod} does not run the same program as ${params.sameProgramAs}: the fix is a memory limit that fits the program, not a smaller program`,
          evidence: { expected, observed: JSON.stringify(program(fixed, params.container)) },
        };
      }
    }
    const verdict = await waitVerdict<Pod, Pod>(
      ctx,
      { ...POD_REF, namespace, fieldSelector: `metadata.name=${params.pod}` },
      {
        description: `pod ${params.pod} to be Ready without an OOM kill`,
        check(pods) {
          const pod = pods[0];
          if (pod === undefined)
            return { state: 'pending', errors: [`pod ${params.pod} not found`] };
          const status = containerStatus(pod, params.container);
          const oom = [status?.state?.terminated, status?.lastState?.terminated].find(
            (t) => t?.reason === 'OOMKilled',
          );
          if (oom !== undefined)
            return {
              state: 'impossible',
              reason: `pod ${params.pod} was OOMKilled (exit code ${oom.exitCode ?? '?'}): its memory limit is still too small for the program`,
            };
          if (restartCount(pod, params.container) > 0 || pod.status?.phase === 'Failed') {
            return { state: 'impossible', reason: describePod(pod) };
          }
          return isPodReady(pod)
            ? { state: 'met', value: pod }
            : { state: 'pending', errors: [describePod(pod)] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!verdict.met) {
      const diagnostics = await collectPodDiagnostics(ctx, { podNames: [params.pod] });
      return {
        status: 'failed',
        message: `pod ${params.pod} is not running cleanly: ${verdict.errors.join('; ')}`,
        evidence: { expected, observed: verdict.errors.join('\n'), events: diagnostics.events },
      };
    }
    const log = await ctx.cluster.logs({
      namespace,
      pod: params.pod,
      ...(params.container ? { container: params.container } : {}),
      tailLines: 50,
    });
    const pattern = new RegExp(params.logPattern, 'm');
    if (!pattern.test(log)) {
      return {
        status: 'failed',
        message: `pod ${params.pod} is Ready but its log does not show the allocation (/${params.logPattern}/): keep the program as given`,
        evidence: {
          expected,
          observed: describePod(verdict.value),
          logs: [
            {
              pod: params.pod,
              container: params.container ?? '',
              previous: false,
              text: log.slice(-2000),
            },
          ],
        },
      };
    }
    return {
      status: 'passed',
      message: `pod ${params.pod} allocated its memory and runs with no OOM kill`,
      evidence: { observed: describePod(verdict.value) },
    };
  },
});
