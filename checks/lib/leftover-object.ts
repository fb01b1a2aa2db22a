import type { Cluster, KubeObject, Scope } from '../../src/check-api/index.js';

/**
 * For a cluster-scoped object a lab names (StorageClass local-dynamic, PriorityClass high-priority)
 * that does not match what is asked: when the student works in their own session and the object is
 * older than the lab's namespace, it is most likely left from an earlier run (and these kinds cannot
 * be edited), so the sentence says so and names the command that clears it. Undefined otherwise
 * (batch grading and verify start from nothing; a newer object is the student's current one).
 */
export function leftoverAdvice(options: {
  readonly scope: Pick<Scope, 'labId' | 'namespace' | 'clusterPrefix'>;
  readonly object: KubeObject | undefined;
  readonly namespace: KubeObject | undefined;
}): string | undefined {
  const { scope, object, namespace } = options;
  if (scope.clusterPrefix !== '' || object === undefined) return undefined;
  const created = object.metadata.creationTimestamp;
  const started = namespace?.metadata.creationTimestamp;
  if (typeof created !== 'string' || typeof started !== 'string') return undefined;
  if (Date.parse(created) >= Date.parse(started)) return undefined;
  return (
    `${object.kind} ${object.metadata.name ?? '?'} was created at ${created}, before namespace ${scope.namespace} (${started}): ` +
    `it is likely left from an earlier run, and it cannot be edited. ` +
    `Run \`kubelab reset ${scope.labId}\` (it deletes it and the namespace), then apply your files again.`
  );
}

/**
 * leftoverAdvice for `object`, against the lab namespace of `ctx` as the cluster has it now (read
 * only in the student's own session; a namespace that cannot be read gives no advice).
 */
export async function leftoverAdviceFor(
  ctx: {
    readonly cluster: Pick<Cluster, 'get'>;
    readonly scope: Pick<Scope, 'labId' | 'namespace' | 'clusterPrefix'>;
    readonly signal: AbortSignal;
  },
  object: KubeObject | undefined,
): Promise<string | undefined> {
  if (ctx.scope.clusterPrefix !== '' || object === undefined) return undefined;
  const namespace = await ctx.cluster
    .get({ apiVersion: 'v1', kind: 'Namespace', name: ctx.scope.namespace }, ctx.signal)
    .catch(() => undefined);
  return leftoverAdvice({ scope: ctx.scope, object, namespace });
}
