import { inRestartBackOff, type KubeObject } from '../../../src/check-api/index.js';

/** The fields of a Pod the checks read (plain JSON as the API server returns it). */
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode?: number;
    reason?: string;
    message?: string;
    signal?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface Pod extends KubeObject {
  spec?: {
    containers?: { name: string; image?: string }[];
    restartPolicy?: string;
    nodeName?: string;
    priorityClassName?: string;
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export const POD_REF = { apiVersion: 'v1', kind: 'Pod' } as const;

export function podName(pod: Pod): string {
  return pod.metadata.name ?? '(unnamed)';
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function isPodReady(pod: Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

export function containerStatus(pod: Pod, container?: string): ContainerStatus | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  if (container === undefined) {
    const first = pod.spec?.containers?.[0]?.name;
    return statuses.find((s) => s.name === first) ?? statuses[0];
  }
  return statuses.find((s) => s.name === container);
}

export function restartCount(pod: Pod, container?: string): number {
  return containerStatus(pod, container)?.restartCount ?? 0;
}

/** Total restarts over all of the pod's containers. */
export function totalRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
}

/**
 * A container of the pod is held in restart back-off after `restarts` restarts or more: waiting in
 * CrashLoopBackOff, or still terminated awaiting its restart as v1.37.2 reports it (inRestartBackOff).
 */
export function isCrashLooping(pod: Pod, restarts: number): boolean {
  return (pod.status?.containerStatuses ?? []).some((s) =>
    inRestartBackOff(s, pod.spec?.restartPolicy, restarts),
  );
}

/** Reasons a container waits for ('CrashLoopBackOff', 'ImagePullBackOff', …), sorted. */
export function waitingReasons(pod: Pod): string[] {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  return statuses.flatMap((s) => (s.state?.waiting?.reason ? [s.state.waiting.reason] : [])).sort();
}

function describeState(state: ContainerState | undefined): string {
  if (state?.running) return 'running';
  if (state?.waiting) return `waiting (${state.waiting.reason ?? 'no reason'})`;
  if (state?.terminated) return `terminated (${describeTermination(state.terminated)})`;
  return 'not started';
}

export function describeTermination(t: NonNullable<ContainerState['terminated']>): string {
  const parts = [`exit code ${t.exitCode ?? '?'}`];
  if (t.reason) parts.push(`reason ${t.reason}`);
  if (t.signal) parts.push(`signal ${t.signal}`);
  return parts.join(', ');
}

/**
 * One line per pod, as `kubectl get pods` plus the why:
 * `web-5d8c: Running, not Ready; web: waiting (CrashLoopBackOff), 3 restart(s), last exit code 1, reason Error`.
 */
export function describePod(pod: Pod): string {
  const ready = isPodReady(pod) ? 'Ready' : 'not Ready';
  const deleting = isTerminating(pod) ? ', terminating' : '';
  const phase = pod.status?.phase ?? 'Unknown';
  const reason = pod.status?.reason ? ` (${pod.status.reason})` : '';
  const containers = (pod.status?.containerStatuses ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => {
      const last = s.lastState?.terminated
        ? `, last ${describeTermination(s.lastState.terminated)}`
        : '';
      return `${s.name}: ${describeState(s.state)}, ${s.restartCount ?? 0} restart(s)${last}`;
    });
  const unschedulable = (pod.status?.conditions ?? []).find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  const scheduling = unschedulable
    ? [`not scheduled: ${unschedulable.message ?? unschedulable.reason ?? ''}`]
    : [];
  return [
    `${podName(pod)}: ${phase}${reason}, ${ready}${deleting}`,
    ...scheduling,
    ...containers,
  ].join('; ');
}

export function byName(a: KubeObject, b: KubeObject): number {
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}
