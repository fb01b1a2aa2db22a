import type { CheckContext } from '../../src/model/check-kind.js';
import { POD_REF, describePod, isPodReady, isTerminating, podName, type Pod } from './pod-state.js';
import { waitVerdict } from './wait.js';
import { resolveTarget } from './workload.js';

export type PickedPod =
  | { readonly ok: true; readonly pod: Pod; readonly name: string; readonly labelSelector: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The first Ready pod (by name) of a Deployment: the one the grader breaks on purpose. Waits up
 * to `timeoutMs` for one, since a check may run right after the manifests were applied.
 */
export async function pickReadyPod(
  ctx: CheckContext,
  options: { readonly deployment: string; readonly timeoutMs: number },
): Promise<PickedPod> {
  const { deployment, timeoutMs } = options;
  const target = await resolveTarget(ctx, { kind: 'Deployment', name: deployment });
  if (target === undefined) {
    return {
      ok: false,
      reason: `Deployment ${deployment} not found in namespace ${ctx.scope.namespace}`,
    };
  }
  const verdict = await waitVerdict<Pod, Pod>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
    {
      description: `a Ready pod of Deployment ${deployment}`,
      check(pods) {
        const ready = pods
          .filter((p) => !isTerminating(p) && isPodReady(p))
          .sort((a, b) => podName(a).localeCompare(podName(b)));
        const first = ready[0];
        return first !== undefined
          ? { state: 'met', value: first }
          : { state: 'pending', errors: pods.length === 0 ? ['no pods'] : pods.map(describePod) };
      },
    },
    timeoutMs,
  );
  if (!verdict.met)
    return {
      ok: false,
      reason: `no Ready pod of Deployment ${deployment} to test with (${verdict.errors.join('; ')})`,
    };
  return {
    ok: true,
    pod: verdict.value,
    name: podName(verdict.value),
    labelSelector: target.labelSelector,
  };
}
