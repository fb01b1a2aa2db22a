import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface DaemonSet extends KubeObject {
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    template?: { spec?: { tolerations?: Toleration[]; nodeSelector?: Record<string, string> } };
  };
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberMisscheduled?: number;
    observedGeneration?: number;
  };
}

export interface NodeObject extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { containerRuntimeVersion?: string; kubeletVersion?: string };
  };
}

export const DAEMONSET_REF = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const;
export const NODE_REF = { apiVersion: 'v1', kind: 'Node' } as const;

/** The taint kubeadm (and kind) put on control-plane nodes. */
export const CONTROL_PLANE_TAINT: Taint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
};

/** Does a toleration tolerate a taint, by the scheduler's rules? */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (
    toleration.effect !== undefined &&
    toleration.effect !== '' &&
    toleration.effect !== taint.effect
  )
    return false;
  const operator = toleration.operator ?? 'Equal';
  if (toleration.key === undefined || toleration.key === '') return operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

export function isNodeReady(node: NodeObject): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The nodes a monitoring DaemonSet must cover: every Ready node that is not cordoned, control-plane
 * nodes included (the exercise asks to tolerate their taint), sorted by name.
 */
export async function nodesToCover(
  ctx: Pick<CheckContext, 'cluster' | 'signal'>,
): Promise<string[]> {
  const nodes = await ctx.cluster.list<NodeObject>(NODE_REF, ctx.signal);
  return nodes
    .filter((n) => isNodeReady(n) && n.spec?.unschedulable !== true)
    .map((n) => n.metadata.name ?? '')
    .sort();
}

/**
 * Why the API server refuses the pods of a DaemonSet's template (Pod Security, quota, a bad
 * field), found with a server-side dry run of one such pod; undefined when it would admit them.
 * The DaemonSet controller only reports this in events, while its status keeps saying 0 ready.
 */
export async function templateRefusal(
  ctx: Pick<CheckContext, 'cluster' | 'scope' | 'signal'>,
  ds: DaemonSet,
): Promise<string | undefined> {
  const template = (ds.spec?.template ?? {}) as {
    metadata?: { labels?: Record<string, string> };
    spec?: unknown;
  };
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${ds.metadata.name ?? 'daemonset'}-kubelab-dry-run`,
      labels: template.metadata?.labels ?? {},
    },
    spec: template.spec ?? {},
  };
  const [result] = await ctx.cluster.apply(
    [pod],
    `pod template of DaemonSet ${ds.metadata.name ?? ''}`,
    {
      namespace: ctx.scope.namespace,
      dryRun: true,
      signal: ctx.signal,
    },
  );
  return result !== undefined && !result.ok ? result.error : undefined;
}
