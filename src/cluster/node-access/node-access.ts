/**
 * Files on a node (static pod manifests, hostPath volumes), reached the way the cluster allows:
 * directly on the project's local cluster, `minikube ssh`, `docker exec` into a kind node, or a
 * privileged pod with the host path mounted. Paths are absolute paths on the node.
 */
export const NodeAccessKind = {
  local: 'local',
  minikube: 'minikube',
  kind: 'kind',
  pod: 'pod',
} as const;
export type NodeAccessKind = (typeof NodeAccessKind)[keyof typeof NodeAccessKind];

export interface NodeAccess {
  readonly kind: NodeAccessKind;
  /** The node this adapter reaches (its Kubernetes Node name). */
  readonly nodeName: string;
  readFile(path: string, signal?: AbortSignal): Promise<string | undefined>;
  writeFile(path: string, content: string, signal?: AbortSignal): Promise<void>;
  /** Renames on the node (atomic on one filesystem); used to move a static manifest away and back. */
  move(from: string, to: string, signal?: AbortSignal): Promise<void>;
  remove(path: string, signal?: AbortSignal): Promise<void>;
  /**
   * Deletes a directory and everything in it; a missing one is fine. Only batch grading's private
   * volume directories qualify (`/var/lib/kubelab/volumes/<student>/<lab>`, see checkRemovableTree):
   * any other path is refused before anything runs.
   */
  removeTree(path: string, signal?: AbortSignal): Promise<void>;
  exists(path: string, signal?: AbortSignal): Promise<boolean>;
  list(dir: string, signal?: AbortSignal): Promise<string[]>;
  /** Releases what the adapter created (the pod adapter's privileged pod). Call once when done; absent = nothing to release. */
  close?(signal?: AbortSignal): Promise<void>;
}
