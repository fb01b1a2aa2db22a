import type { Cluster, KubeObject, ObjectRef } from '../cluster/cluster.js';
import { CLUSTER_SCOPED_KINDS, cleanupSelector } from '../cluster/cleanup.js';
import { UnknownKindError } from '../cluster/discovery.js';
import { deleteLabNamespace, ensureLabNamespace } from '../cluster/namespace.js';
import type { Lab } from '../model/lab.js';
import { USER_LABEL, scopeFor } from '../model/scope.js';
import { VERIFY_LABEL } from '../runner/verify-scope.js';

/** Cluster-scoped objects get this long to go; PVs with a protection finalizer wait for their claim. */
const CLUSTER_OBJECT_DELETE_TIMEOUT_MS = 60_000;

/**
 * A fresh start for a student's own lab run: deletes the lab namespace (kubelab-<lab>) and the
 * cluster-scoped objects labelled for that lab and no user (batch runs of other students and
 * `kubelab verify` runs are left alone), waits for them to go, then creates the namespace again.
 */
export async function resetLab(options: {
  readonly cluster: Cluster;
  readonly lab: Lab;
  readonly signal: AbortSignal;
}): Promise<{ namespace: string; deleted: string[] }> {
  const { cluster, lab, signal } = options;
  const scope = scopeFor(lab.id);
  const deleted: string[] = [];
  const { existed } = await deleteLabNamespace(cluster, scope.namespace, { signal });
  if (existed) deleted.push(`namespace/${scope.namespace}`);
  // Not a batch student's (user label) nor a running `kubelab verify`'s (verify label).
  const labelSelector = `${cleanupSelector({ labId: lab.id })},!${USER_LABEL},!${VERIFY_LABEL}`;
  for (const kind of CLUSTER_SCOPED_KINDS) {
    const objects: KubeObject[] = await cluster
      .list({ ...kind, labelSelector }, signal)
      .catch((error: unknown) => {
        if (error instanceof UnknownKindError) return [];
        throw error;
      });
    for (const object of objects) {
      const ref: ObjectRef = { ...kind, name: object.metadata.name ?? '' };
      await cluster.delete(ref, { signal });
      await cluster.waitForDeletion(ref, {
        timeoutMs: CLUSTER_OBJECT_DELETE_TIMEOUT_MS,
        signal,
        uid: object.metadata.uid,
      });
      deleted.push(`${kind.kind.toLowerCase()}/${ref.name}`);
    }
  }
  await ensureLabNamespace(cluster, scope, { podSecurity: lab.podSecurity, signal });
  return { namespace: scope.namespace, deleted: deleted.sort() };
}
