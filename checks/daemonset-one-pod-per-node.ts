import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import {
  DAEMONSET_REF,
  templateRefusal,
  nodesToCover,
  type DaemonSet,
} from './lib/workloads/daemonset.js';
import { POD_REF, isTerminating, podName, type Pod } from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { selectorString } from './lib/workloads/workload.js';

/** Pods of a finished rollout only need to be listed; a rollout in progress gets twenty seconds to settle. */
const DEFAULT_TIMEOUT_MS = 20_000;

function layout(
  pods: readonly Pod[],
  nodes: readonly string[],
  owner: string,
): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const node of nodes) {
    const here = pods.filter((p) => p.spec?.nodeName === node);
    const owned = here.filter((p) =>
      p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.name === owner),
    );
    const strangers = here.filter((p) => !owned.includes(p));
    if (here.length !== 1 || owned.length !== 1) ok = false;
    const others =
      strangers.length > 0 ? ` (not from the DaemonSet: ${strangers.map(podName).join(', ')})` : '';
    lines.push(`${node}: ${here.length} pod(s) ${here.map(podName).join(', ')}${others}`);
  }
  return { ok, lines };
}

export default defineCheck({
  kind: 'daemonset-one-pod-per-node',
  description:
    'Exactly one pod matching a DaemonSet’s selector runs on each node, and it belongs to the DaemonSet (no stray Deployment or bare pod with the same labels).',
  params: z.strictObject({ name: z.string().min(1) }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const ds = await ctx.cluster.get<DaemonSet>(
      { ...DAEMONSET_REF, namespace: ctx.scope.namespace, name: params.name },
      ctx.signal,
    );
    if (ds === undefined)
      return {
        status: 'failed',
        message: `DaemonSet ${params.name} not found in namespace ${ctx.scope.namespace}`,
      };
    const refusal = await templateRefusal(ctx, ds);
    if (refusal !== undefined) {
      return {
        status: 'failed',
        message: `the API server refuses the pods of DaemonSet ${params.name}: ${refusal}`,
      };
    }
    const nodes = await nodesToCover(ctx);
    const selector = selectorString(ds.spec?.selector);
    const expected = `one pod labelled ${selector} per node, owned by DaemonSet ${params.name}: ${nodes.join(', ')}`;
    const verdict = await waitVerdict<Pod, string[]>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: selector },
      {
        description: `exactly one pod of DaemonSet ${params.name} on each node`,
        check(pods) {
          const result = layout(
            pods.filter((p) => !isTerminating(p)),
            nodes,
            params.name,
          );
          return result.ok
            ? { state: 'met', value: result.lines }
            : { state: 'pending', errors: result.lines };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (verdict.met)
      return {
        status: 'passed',
        message: `one pod of DaemonSet ${params.name} on each of the ${nodes.length} node(s)`,
        evidence: { observed: verdict.value.join('\n') },
      };
    return {
      status: 'failed',
      message: `not exactly one DaemonSet pod per node: ${verdict.errors.join('; ')}. Pods with the same labels from another workload (a leftover Deployment?) run twice on a node; delete them`,
      evidence: { expected, observed: verdict.errors.join('\n') },
    };
  },
});
