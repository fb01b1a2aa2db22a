import { type CheckContext, type KubeObject, timeOf } from '../../../src/check-api/index.js';
import type { Pod } from '../pods/pod-state.js';

export interface StatefulSet extends KubeObject {
  spec?: {
    replicas?: number;
    serviceName?: string;
    podManagementPolicy?: string;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> };
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
    persistentVolumeClaimRetentionPolicy?: { whenScaled?: string; whenDeleted?: string };
  };
  status?: { replicas?: number; readyReplicas?: number; currentReplicas?: number };
}

export const STATEFULSET_REF = { apiVersion: 'apps/v1', kind: 'StatefulSet' } as const;

export function getStatefulSet(ctx: CheckContext, name: string): Promise<StatefulSet | undefined> {
  return ctx.cluster.get<StatefulSet>(
    { ...STATEFULSET_REF, namespace: ctx.scope.namespace, name },
    ctx.signal,
  );
}

export function missingStatefulSet(ctx: CheckContext, name: string): string {
  return `StatefulSet ${name} not found in namespace ${ctx.scope.namespace}: apply your manifests and check its name`;
}

/** `postgres-1` → 1; undefined for names that are not `<set>-<ordinal>`. */
export function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** When the pod last became Ready (ms), if it is Ready now. */
export function readySince(pod: Pod): number | undefined {
  const ready = (pod.status?.conditions ?? []).find(
    (c) => c.type === 'Ready' && c.status === 'True',
  ) as { lastTransitionTime?: string } | undefined;
  return ready === undefined ? undefined : timeOf(ready.lastTransitionTime);
}

export interface OrderFinding {
  readonly violations: readonly string[];
  /** Pairs that could not be judged because the earlier pod was recreated later (deleted by someone). */
  readonly notJudged: readonly string[];
}

/**
 * With OrderedReady, pod N is created only once pod N-1 is Ready. Judged from timestamps (second
 * resolution, so "same second" counts as in order). `pods` holds ordinals 0..n-1, in order.
 */
export function creationOrder(pods: readonly Pod[]): OrderFinding {
  const violations: string[] = [];
  const notJudged: string[] = [];
  for (let i = 1; i < pods.length; i++) {
    const before = pods[i - 1];
    const after = pods[i];
    if (before === undefined || after === undefined) continue;
    const names = `${before.metadata.name ?? '?'} → ${after.metadata.name ?? '?'}`;
    const beforeCreated = timeOf(before.metadata.creationTimestamp);
    const afterCreated = timeOf(after.metadata.creationTimestamp);
    const beforeReady = readySince(before);
    if (beforeCreated === undefined || afterCreated === undefined || beforeReady === undefined) {
      notJudged.push(`${names}: timestamps missing`);
    } else if (beforeCreated > afterCreated) {
      notJudged.push(
        `${names}: ${before.metadata.name ?? '?'} was recreated after ${after.metadata.name ?? '?'}`,
      );
    } else if (afterCreated < beforeReady) {
      violations.push(
        `${after.metadata.name ?? '?'} was created at ${iso(afterCreated)}, before ${before.metadata.name ?? '?'} was Ready (${iso(beforeReady)})`,
      );
    }
  }
  return { violations, notJudged };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
