import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import { parseQuantity } from '../../cluster/quantity.js';

/** Memory one submission may hold at once: its quota's limits.memory (2Gi) is the worst case; most use far less. */
export const MEMORY_PER_SUBMISSION_BYTES = 1.5 * 2 ** 30;

/**
 * The default --concurrency: floor(allocatable memory / 1.5Gi) over the Ready nodes, at most the
 * allocatable CPU cores, at least 1. Reads the nodes once.
 */
export async function defaultConcurrency(cluster: Cluster, signal?: AbortSignal): Promise<number> {
  const nodes = await cluster.list({ apiVersion: 'v1', kind: 'Node' }, signal);
  return concurrencyFor(nodes);
}

export function concurrencyFor(nodes: readonly KubeObject[]): number {
  let memory = 0;
  let cpu = 0;
  for (const node of nodes) {
    const status = node['status'] as { allocatable?: Record<string, string> } | undefined;
    memory += parseQuantity(status?.allocatable?.['memory']) ?? 0;
    cpu += parseQuantity(status?.allocatable?.['cpu']) ?? 0;
  }
  const byMemory = Math.floor(memory / MEMORY_PER_SUBMISSION_BYTES);
  return Math.max(1, Math.min(byMemory, Math.floor(cpu)));
}
