import type { CheckContext } from '../../../src/check-api/index.js';
import { leastDisturbedFirst, type Candidate } from './least-disturbed.js';
import type { RestartBackOff } from './restart-back-off.js';
import { POD_REF, describePod, isPodReady, isTerminating, type Pod } from './pod-state.js';
import { waitVerdict } from '../wait.js';
import { resolveTarget } from '../workloads/workload.js';

export type PickedPod =
  | {
      readonly ok: true;
      readonly pod: Pod;
      readonly name: string;
      readonly labelSelector: string;
      /** The restart back-off the kubelet holds against its container. */
      readonly backOff: RestartBackOff;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The Ready pod of a Deployment that the grader breaks on purpose: the one earlier runs disturbed
 * least (smallest restart back-off, fewest restarts, oldest last termination, then by name; see
 * leastDisturbedFirst), so checking again does not pile the kubelet's back-off on one pod. Waits
 * up to `timeoutMs` for one, since a check may run right after the manifests were applied.
 */
export async function pickReadyPod(
  ctx: CheckContext,
  options: {
    readonly deployment: string;
    readonly timeoutMs: number;
    /** Whose restarts count (default: the pod's first container). */
    readonly container?: string | undefined;
  },
): Promise<PickedPod> {
  const { deployment, timeoutMs } = options;
  const target = await resolveTarget(ctx, { kind: 'Deployment', name: deployment });
  if (target === undefined) {
    return {
      ok: false,
      reason: `Deployment ${deployment} not found in namespace ${ctx.scope.namespace}`,
    };
  }
  const verdict = await waitVerdict<Pod, Candidate>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
    {
      description: `a Ready pod of Deployment ${deployment}`,
      check(pods) {
        const ready = pods.filter((p) => !isTerminating(p) && isPodReady(p));
        const [first] = leastDisturbedFirst(ready, {
          container: options.container,
          nowMs: Date.now(),
        });
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
    pod: verdict.value.pod,
    name: verdict.value.name,
    labelSelector: target.labelSelector,
    backOff: verdict.value.backOff,
  };
}
