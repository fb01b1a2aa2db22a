import { type CheckContext, type KubeObject, parseQuantity } from '../../../src/check-api/index.js';

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface RequestingPod extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string; resources?: Resources }[];
    initContainers?: { name: string; resources?: Resources; restartPolicy?: string }[];
    overhead?: Record<string, string>;
  };
  status?: { phase?: string };
}

interface NodeObject extends KubeObject {
  status?: { allocatable?: Record<string, string> };
}

function memoryOf(resources: Resources | undefined): number {
  // The API server copies a limit into a missing request, so requests is what the scheduler counts.
  return parseQuantity(resources?.requests?.memory ?? resources?.limits?.memory) ?? 0;
}

/**
 * The memory the scheduler counts for a pod: the sum of its containers' requests (sidecar init
 * containers included), or its largest init container if bigger, plus the pod overhead.
 */
export function podMemoryRequest(pod: RequestingPod): number {
  const containers = (pod.spec?.containers ?? []).reduce(
    (sum, c) => sum + memoryOf(c.resources),
    0,
  );
  const sidecars = (pod.spec?.initContainers ?? [])
    .filter((c) => c.restartPolicy === 'Always')
    .reduce((sum, c) => sum + memoryOf(c.resources), 0);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map((c) => memoryOf(c.resources)));
  return Math.max(containers + sidecars, init) + (parseQuantity(pod.spec?.overhead?.memory) ?? 0);
}

/** A node's allocatable memory minus what the pods bound to it request: what the scheduler sees free. */
export async function freeNodeMemory(
  ctx: Pick<CheckContext, 'cluster' | 'signal'>,
  nodeName: string,
): Promise<{ allocatable: number; requested: number; free: number }> {
  const node = await ctx.cluster.get<NodeObject>(
    { apiVersion: 'v1', kind: 'Node', name: nodeName },
    ctx.signal,
  );
  const allocatable = parseQuantity(node?.status?.allocatable?.memory) ?? 0;
  const pods = await ctx.cluster.list<RequestingPod>(
    { apiVersion: 'v1', kind: 'Pod', fieldSelector: `spec.nodeName=${nodeName}` },
    ctx.signal,
  );
  const requested = pods
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .reduce((sum, p) => sum + podMemoryRequest(p), 0);
  return { allocatable, requested, free: allocatable - requested };
}
