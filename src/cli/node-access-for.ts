import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess, NodeAccessKind } from '../cluster/node-access/node-access.js';
import { selectNodeAccess } from '../cluster/node-access/select.js';

/**
 * The node-access adapter for a lab that writes to a node (`nodeAccess: true`), or why there is
 * none (the runner shows it on the checks that need one). Labs that do not need one get neither.
 */
export async function nodeAccessFor(options: {
  readonly cluster: Cluster;
  readonly needed: boolean;
  readonly override: NodeAccessKind | undefined;
  readonly signal: AbortSignal;
}): Promise<{ node: NodeAccess | undefined; nodeAccessProblem: string | undefined }> {
  if (!options.needed) return { node: undefined, nodeAccessProblem: undefined };
  try {
    const node = await selectNodeAccess(options.cluster, {
      override: options.override,
      signal: options.signal,
    });
    return { node, nodeAccessProblem: undefined };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      node: undefined,
      nodeAccessProblem: `no node access: ${reason}; try --node-access local|minikube|kind|pod`,
    };
  }
}

/** A node-access adapter's close (the pod adapter's privileged pod) is bounded: its pod has no grace period. */
const CLOSE_TIMEOUT_MS = 60_000;

/**
 * Releases what a node-access adapter created (the pod adapter's pod in `kubelab-node-access`);
 * bounded by its own deadline, so it works after an interruption, and never throws, so it fits in
 * a finally block.
 */
export async function closeNodeAccess(node: NodeAccess | undefined): Promise<void> {
  await node?.close?.(AbortSignal.timeout(CLOSE_TIMEOUT_MS)).catch(() => undefined);
}
