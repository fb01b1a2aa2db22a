import { z } from 'zod';
import { collectPodDiagnostics, defineCheck } from '../src/check-api/index.js';
import {
  DAEMONSET_REF,
  nodesToCover,
  templateRefusal,
  type DaemonSet,
} from './lib/workloads/daemonset.js';
import { describePod, isPodReady, isTerminating } from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { listPods, selectorString } from './lib/workloads/workload.js';

/** One pod per node to pull (or find) its image and start: two minutes for a cold pull on minikube. */
const DEFAULT_TIMEOUT_MS = 120_000;

function describeStatus(ds: DaemonSet): string {
  const s = ds.status ?? {};
  return `desired ${s.desiredNumberScheduled ?? 0}, current ${s.currentNumberScheduled ?? 0}, ready ${s.numberReady ?? 0}, up-to-date ${s.updatedNumberScheduled ?? 0}`;
}

export default defineCheck({
  kind: 'daemonset-covers-nodes',
  description:
    'A DaemonSet wants a pod on every schedulable node, control-plane nodes included (desiredNumberScheduled equals their number), and all of those pods are up to date and Ready.',
  params: z.strictObject({ name: z.string().min(1) }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const nodes = await nodesToCover(ctx);
    const expected = `DaemonSet ${params.name}: ${nodes.length} pod(s) desired and Ready, one per node (${nodes.join(', ')})`;
    const current = await ctx.cluster.get<DaemonSet>(
      { ...DAEMONSET_REF, namespace: ctx.scope.namespace, name: params.name },
      ctx.signal,
    );
    const refusal = current === undefined ? undefined : await templateRefusal(ctx, current);
    if (refusal !== undefined) {
      return {
        status: 'failed',
        message: `the API server refuses the pods of DaemonSet ${params.name}, so no node gets one: ${refusal}`,
        evidence: {
          expected,
          observed: current === undefined ? undefined : describeStatus(current),
        },
      };
    }
    const verdict = await waitVerdict<DaemonSet, DaemonSet>(
      ctx,
      {
        ...DAEMONSET_REF,
        namespace: ctx.scope.namespace,
        fieldSelector: `metadata.name=${params.name}`,
      },
      {
        description: `DaemonSet ${params.name} to run a Ready pod on each of the ${nodes.length} node(s)`,
        check(list) {
          const ds = list[0];
          if (ds === undefined)
            return { state: 'pending', errors: [`DaemonSet ${params.name} not found`] };
          const s = ds.status ?? {};
          const settled =
            s.observedGeneration !== undefined &&
            s.observedGeneration >= ((ds.metadata['generation'] as number | undefined) ?? 0);
          const desired = s.desiredNumberScheduled ?? 0;
          if (settled && desired < nodes.length) {
            return {
              state: 'impossible',
              reason: `DaemonSet ${params.name} wants ${desired} pod(s) for ${nodes.length} node(s): its pod template's nodeSelector, affinity or missing tolerations keep it off some nodes`,
            };
          }
          const done =
            settled &&
            desired === nodes.length &&
            s.numberReady === desired &&
            s.updatedNumberScheduled === desired;
          return done
            ? { state: 'met', value: ds }
            : { state: 'pending', errors: [describeStatus(ds)] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (verdict.met) {
      return {
        status: 'passed',
        message: `DaemonSet ${params.name} runs a Ready pod on all ${nodes.length} node(s)`,
        evidence: { observed: describeStatus(verdict.value) },
      };
    }
    const ds = await ctx.cluster.get<DaemonSet>(
      { ...DAEMONSET_REF, namespace: ctx.scope.namespace, name: params.name },
      ctx.signal,
    );
    const selector = selectorString(ds?.spec?.selector);
    const pods =
      ds === undefined || selector === ''
        ? []
        : (await listPods(ctx, selector)).filter((p) => !isTerminating(p));
    const covered = new Set(pods.filter(isPodReady).map((p) => p.spec?.nodeName ?? ''));
    const missing = nodes.filter((n) => !covered.has(n));
    const diagnostics =
      ds === undefined
        ? { events: [], logs: [] }
        : await collectPodDiagnostics(ctx, {
            labelSelector: selector,
            objects: [{ kind: 'DaemonSet', name: params.name }],
          });
    return {
      status: 'failed',
      message:
        ds === undefined
          ? `DaemonSet ${params.name} not found in namespace ${ctx.scope.namespace}`
          : `${verdict.errors.join('; ')}${missing.length > 0 ? `; no Ready pod on ${missing.join(', ')}` : ''}`,
      evidence: {
        expected,
        observed: [
          ds === undefined ? 'no DaemonSet' : describeStatus(ds),
          ...pods.map(describePod),
        ].join('\n'),
        events: diagnostics.events,
        logs: diagnostics.logs,
      },
    };
  },
});
