import type { KubeObject, WaitCondition } from '../cluster.js';

/** The parts of a Pod's status the common conditions read. */
export interface PodLike extends KubeObject {
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name: string;
      ready?: boolean;
      restartCount?: number;
      state?: {
        waiting?: { reason?: string };
        terminated?: { reason?: string; exitCode?: number };
      };
    }[];
  };
}

/** Why a pod is not ready, in words: `containers not ready: app (CrashLoopBackOff)`. */
export function podNotReadyReason(pod: PodLike): string {
  const name = pod.metadata.name ?? '?';
  const statuses = pod.status?.containerStatuses ?? [];
  if (statuses.length === 0) return `pod ${name} is ${pod.status?.phase ?? 'not scheduled yet'}`;
  const notReady = statuses
    .filter((c) => c.ready !== true)
    .map((c) => {
      const why = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
      return why === undefined ? c.name : `${c.name} (${why})`;
    })
    .sort();
  return notReady.length > 0
    ? `containers not ready: ${notReady.join(', ')}`
    : `pod ${name} is not Ready yet`;
}

/** `pod <name> to be Ready`; impossible once the pod reached a final phase. Use with fieldSelector metadata.name=<name>. */
export function podReady(name: string): WaitCondition<PodLike, PodLike> {
  return {
    description: `pod ${name} to be Ready`,
    check(objects) {
      const pod = objects.find((o) => o.metadata.name === name);
      if (pod === undefined) return { state: 'pending', errors: [`pod ${name} not found`] };
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        return {
          state: 'impossible',
          reason: `pod ${name} ended (phase ${phase}) and can never be Ready`,
        };
      }
      const ready =
        pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
      return ready
        ? { state: 'met', value: pod }
        : { state: 'pending', errors: [podNotReadyReason(pod)] };
    },
  };
}

/** The ListRef a wait on one pod uses. */
export function podRef(
  namespace: string,
  name: string,
): {
  apiVersion: string;
  kind: string;
  namespace: string;
  fieldSelector: string;
} {
  return { apiVersion: 'v1', kind: 'Pod', namespace, fieldSelector: `metadata.name=${name}` };
}
