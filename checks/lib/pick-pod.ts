import type { CheckContext } from '../../src/model/check-kind.js';
import { isPodReady, isTerminating, podName, type Pod } from './pod-state.js';
import { listPods, resolveTarget } from './workload.js';

export type PickedPod =
  | { readonly ok: true; readonly pod: Pod; readonly name: string; readonly labelSelector: string }
  | { readonly ok: false; readonly reason: string };

/** The first Ready pod (by name) of a Deployment: the one the grader breaks on purpose. */
export async function pickReadyPod(ctx: CheckContext, deployment: string): Promise<PickedPod> {
  const target = await resolveTarget(ctx, { kind: 'Deployment', name: deployment });
  if (target === undefined) {
    return {
      ok: false,
      reason: `Deployment ${deployment} not found in namespace ${ctx.scope.namespace}`,
    };
  }
  const pods = (await listPods(ctx, target.labelSelector)).filter(
    (p) => !isTerminating(p) && isPodReady(p),
  );
  const pod = pods[0];
  if (pod === undefined)
    return { ok: false, reason: `no Ready pod of Deployment ${deployment} to test with` };
  return { ok: true, pod, name: podName(pod), labelSelector: target.labelSelector };
}
