import { z } from 'zod';
import { collectPodDiagnostics, defineCheck } from '../src/check-api/index.js';
import {
  POD_REF,
  describePod,
  isPodReady,
  isTerminating,
  podName,
  restartCount,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { resolveTarget } from './lib/workloads/workload.js';

/** The slow app takes about fifteen seconds to start; a startup probe then passes within a period: a minute and a half. */
const DEFAULT_TIMEOUT_MS = 90_000;

interface StartupSpec {
  spec?: { template?: { spec?: { containers?: { name: string; startupProbe?: unknown }[] } } };
}

export default defineCheck({
  kind: 'startup-protects-slow-start',
  description:
    'A slow-starting Deployment has a startup probe, and its pods become Ready without a single restart (the liveness probe waits until startup succeeded).',
  params: z.strictObject({
    deployment: z.string().min(1),
    container: z.string().min(1).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const target = await resolveTarget(ctx, { kind: 'Deployment', name: params.deployment });
    if (target === undefined) {
      return {
        status: 'failed',
        message: `Deployment ${params.deployment} not found in namespace ${ctx.scope.namespace}`,
      };
    }
    const containers =
      (target.workload as StartupSpec | undefined)?.spec?.template?.spec?.containers ?? [];
    const container =
      params.container === undefined
        ? containers[0]
        : containers.find((c) => c.name === params.container);
    const hasStartup = container?.startupProbe !== undefined;
    const wanted = target.desired ?? 1;
    const expected = `${wanted} pod(s) of Deployment ${params.deployment} Ready with 0 restarts`;
    const verdict = await waitVerdict<Pod, Pod[]>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
      {
        description: expected,
        check(pods) {
          const live = pods.filter((p) => !isTerminating(p));
          const restarted = live.find((p) => restartCount(p, params.container) > 0);
          if (restarted !== undefined) {
            return {
              state: 'impossible',
              reason: `pod ${podName(restarted)} was restarted ${restartCount(restarted, params.container)} time(s) before it finished starting`,
            };
          }
          const ready = live.filter(isPodReady);
          return ready.length >= wanted
            ? { state: 'met', value: ready }
            : {
                state: 'pending',
                errors: [`${ready.length}/${wanted} Ready`, ...live.map(describePod)],
              };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (verdict.met) {
      if (!hasStartup) {
        return {
          status: 'failed',
          message: `Deployment ${params.deployment} became Ready without restarts, but with no startupProbe: the exercise asks for one (instead of loosening the liveness probe)`,
          evidence: {
            expected: `${expected}, protected by a startupProbe`,
            observed: verdict.value.map(describePod).join('\n'),
          },
        };
      }
      return {
        status: 'passed',
        message: `the pods of Deployment ${params.deployment} became Ready without a restart: the startup probe held the liveness probe back`,
        evidence: { observed: verdict.value.map(describePod).join('\n') },
      };
    }
    const diagnostics = await collectPodDiagnostics(ctx, { labelSelector: target.labelSelector });
    return {
      status: 'failed',
      message: `${verdict.errors.join('; ')}${hasStartup ? '' : ': the liveness probe kills the container while it is still starting — add a startupProbe that gives it time'}`,
      evidence: {
        expected,
        observed: verdict.errors.join('\n'),
        events: diagnostics.events,
        logs: diagnostics.logs,
      },
    };
  },
});
