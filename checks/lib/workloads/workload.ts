import { z } from 'zod';
import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { POD_REF, byName, isPodReady, isTerminating, type Pod } from '../pods/pod-state.js';

export const WorkloadKind = z.enum(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
export type WorkloadKind = z.infer<typeof WorkloadKind>;

/**
 * Which pods a check looks at: those of a workload (`kind` + `name`, found through the workload's own
 * selector), or a `labelSelector` for bare pods. Spread into a check's params; refine with hasOneTarget.
 */
export const podTargetFields = {
  kind: WorkloadKind.default('Deployment'),
  name: z.string().min(1).optional(),
  labelSelector: z.string().min(1).optional(),
} as const;

export function hasOneTarget(t: {
  name?: string | undefined;
  labelSelector?: string | undefined;
}): boolean {
  return (t.name === undefined) !== (t.labelSelector === undefined);
}
export const TARGET_MESSAGE = 'expected exactly one of `name` (a workload) or `labelSelector`';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Workload extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { spec?: Record<string, unknown> };
  };
  status?: { desiredNumberScheduled?: number; replicas?: number };
}

/** A LabelSelector object as the `a=b,c in (d,e)` string the list API takes. */
export function selectorString(selector: LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** What a target resolves to: the selector of its pods and, for a workload, how many it wants. */
export interface ResolvedTarget {
  /** "Deployment web" or "pods app=web". */
  readonly description: string;
  readonly labelSelector: string;
  /** Desired pods (spec.replicas, or desiredNumberScheduled for a DaemonSet); undefined for a bare selector. */
  readonly desired: number | undefined;
  readonly workload: Workload | undefined;
}

/** Looks the workload up; undefined when it does not exist (the caller fails with that). */
export async function resolveTarget(
  ctx: CheckContext,
  target: { kind: WorkloadKind; name?: string | undefined; labelSelector?: string | undefined },
): Promise<ResolvedTarget | undefined> {
  if (target.name === undefined) {
    const labelSelector = target.labelSelector ?? '';
    return {
      description: `pods ${labelSelector}`,
      labelSelector,
      desired: undefined,
      workload: undefined,
    };
  }
  const workload = await ctx.cluster.get<Workload>(
    { apiVersion: 'apps/v1', kind: target.kind, namespace: ctx.scope.namespace, name: target.name },
    ctx.signal,
  );
  if (workload === undefined) return undefined;
  const desired =
    target.kind === 'DaemonSet'
      ? (workload.status?.desiredNumberScheduled ?? 0)
      : (workload.spec?.replicas ?? 1);
  return {
    description: `${target.kind} ${target.name}`,
    labelSelector: selectorString(workload.spec?.selector),
    desired,
    workload,
  };
}

export async function listPods(ctx: CheckContext, labelSelector: string): Promise<Pod[]> {
  const pods = await ctx.cluster.list<Pod>(
    { ...POD_REF, namespace: ctx.scope.namespace, labelSelector },
    ctx.signal,
  );
  return pods.sort(byName);
}

export function missingWorkloadMessage(
  ctx: CheckContext,
  target: { kind: string; name?: string | undefined },
): string {
  return `${target.kind} ${target.name ?? ''} not found in namespace ${ctx.scope.namespace}: apply your manifests (kubectl apply -f …) and check the name`;
}

/** The first Ready pod (by name) of the target, or the named pod; undefined when none is Ready. */
export async function pickReadyPod(
  ctx: CheckContext,
  labelSelector: string,
  name?: string,
): Promise<Pod | undefined> {
  if (name !== undefined) {
    const pod = await ctx.cluster.get<Pod>(
      { ...POD_REF, namespace: ctx.scope.namespace, name },
      ctx.signal,
    );
    return pod !== undefined && isPodReady(pod) && !isTerminating(pod) ? pod : undefined;
  }
  return (await listPods(ctx, labelSelector)).find((pod) => isPodReady(pod) && !isTerminating(pod));
}
