import type { CheckContext } from '../../../src/check-api/index.js';
import { POD_REF, restartCount, type Pod } from './pod-state.js';
import { waitVerdict } from '../wait.js';

export type RestartWatch =
  | { readonly restarted: false }
  | { readonly restarted: true; readonly count: number; readonly gone: boolean };

/**
 * Watches one pod for `windowMs`: reports the first restart of `container` past `before` (or the
 * pod's disappearance) at once, or no restart when the window's deadline passes. Watching until a
 * deadline is how "nothing happens" is observed; it is not a sleep.
 */
export async function watchForRestart(
  ctx: CheckContext,
  options: { pod: string; container?: string | undefined; before: number; windowMs: number },
): Promise<RestartWatch> {
  const verdict = await waitVerdict<Pod, RestartWatch>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${options.pod}` },
    {
      description: `pod ${options.pod} to restart (it should not)`,
      check(pods) {
        const pod = pods[0];
        if (pod === undefined)
          return { state: 'met', value: { restarted: true, count: options.before, gone: true } };
        const count = restartCount(pod, options.container);
        return count > options.before
          ? { state: 'met', value: { restarted: true, count, gone: false } }
          : { state: 'pending', errors: [`restartCount still ${count}`] };
      },
    },
    options.windowMs,
  );
  return verdict.met ? verdict.value : { restarted: false };
}

interface LivenessSpec {
  spec?: {
    containers?: {
      name: string;
      livenessProbe?: { periodSeconds?: number; failureThreshold?: number };
    }[];
  };
}

/**
 * How long a liveness probe needs to restart a container once its endpoint fails (period ×
 * threshold), plus two periods of margin; 5 s when there is no liveness probe; at most 40 s.
 */
export function livenessWindowMs(pod: Pod, container?: string): number {
  const containers = (pod as LivenessSpec).spec?.containers ?? [];
  const probe = (
    container === undefined ? containers[0] : containers.find((c) => c.name === container)
  )?.livenessProbe;
  if (probe === undefined) return 5_000;
  const period = probe.periodSeconds ?? 10;
  return Math.min(40_000, period * ((probe.failureThreshold ?? 3) + 2) * 1000);
}
