import type { CheckContext } from '../../../src/check-api/index.js';
import { POD_REF, describePod, isPodReady, isTerminating, type Pod } from './pod-state.js';
import { waitVerdict, type WaitVerdict } from '../wait.js';

export interface PodWaitOptions {
  readonly name: string;
  readonly timeoutMs: number;
  /** Only a pod with another uid counts (the one that replaced a deleted pod). */
  readonly notUid?: string | undefined;
  /** Running is enough (default: Ready). */
  readonly runningOnly?: boolean;
}

/** Waits on the watch for pod `name` (in the lab namespace) to be Ready (or Running); the verdict carries the pod. */
export function waitForPod(ctx: CheckContext, options: PodWaitOptions): Promise<WaitVerdict<Pod>> {
  const want = options.runningOnly === true ? 'Running' : 'Ready';
  const replacement = options.notUid === undefined ? '' : ' (a new instance)';
  return waitVerdict<Pod, Pod>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${options.name}` },
    {
      description: `pod ${options.name}${replacement} to be ${want}`,
      check(pods) {
        const pod = pods.find((p) => p.metadata.uid !== options.notUid && !isTerminating(p));
        if (pod === undefined) {
          const old = pods.find((p) => p.metadata.uid === options.notUid);
          return {
            state: 'pending',
            errors: [
              old ? `${describePod(old)} (the old instance)` : `pod ${options.name} does not exist`,
            ],
          };
        }
        const ok = options.runningOnly === true ? pod.status?.phase === 'Running' : isPodReady(pod);
        if (ok) return { state: 'met', value: pod };
        if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') {
          return { state: 'impossible', reason: `${describePod(pod)}: the pod has ended` };
        }
        return { state: 'pending', errors: [describePod(pod)] };
      },
    },
    options.timeoutMs,
  );
}
