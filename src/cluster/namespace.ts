import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, type Scope } from '../model/scope.js';
import type { Cluster, KubeObject } from './cluster.js';
import { WaitTimeoutError } from './errors.js';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A namespace's deletion takes this long at most before it is reported stuck (pods get 30s grace by default). */
export const NAMESPACE_DELETE_TIMEOUT_MS = 120_000;

/**
 * A new namespace gets its `default` ServiceAccount from the controller-manager within a second or
 * so; pods are refused until then. 30s means the controller-manager is not running.
 */
export const DEFAULT_SERVICE_ACCOUNT_TIMEOUT_MS = 30_000;

/** Waits until the namespace's default ServiceAccount exists, so pods can be created in it. */
export async function waitForDefaultServiceAccount(
  cluster: Cluster,
  namespace: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await cluster.waitFor(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace,
        fieldSelector: 'metadata.name=default',
      },
      {
        description: `the default ServiceAccount of namespace ${namespace}`,
        check: (objects) =>
          objects.length > 0
            ? { state: 'met', value: true }
            : { state: 'pending', errors: ['not created yet (the controller-manager creates it)'] },
      },
      { timeoutMs: DEFAULT_SERVICE_ACCOUNT_TIMEOUT_MS, signal },
    );
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    throw new Error(
      `namespace ${namespace} has no default ServiceAccount after ${DEFAULT_SERVICE_ACCOUNT_TIMEOUT_MS / 1000}s, ` +
        `so no pod can be created in it. Expected kube-controller-manager to create it; check that it runs ` +
        `(\`kubectl get --raw /readyz\`, the controller-manager logs).`,
      { cause: error },
    );
  }
}

/** The namespace did not go away: names its remaining finalizers and the conditions that say why. */
export class NamespaceStuckError extends Error {
  override readonly name = 'NamespaceStuckError';
  constructor(
    readonly namespace: string,
    readonly finalizers: readonly string[],
    readonly conditions: readonly string[],
    options?: { cause?: unknown },
  ) {
    const left =
      finalizers.length > 0 ? `finalizers left: ${finalizers.join(', ')}` : 'no finalizers left';
    const why = conditions.length > 0 ? `; ${conditions.join('; ')}` : '';
    super(
      `namespace ${namespace} is stuck in Terminating (${left}${why}). Expected it to be gone; ` +
        `look at the objects it still holds (\`kubectl get all -n ${namespace}\`) and their finalizers.`,
      options,
    );
  }
}

/** The labels kubelab puts on a lab namespace: the scope's labels plus Pod Security enforce/warn/audit. */
export function labNamespaceLabels(
  scope: Scope,
  podSecurity: PodSecurityLevel,
): Record<string, string> {
  return {
    ...scope.labels,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    'pod-security.kubernetes.io/enforce': podSecurity,
    'pod-security.kubernetes.io/warn': podSecurity,
    'pod-security.kubernetes.io/audit': podSecurity,
  };
}

/**
 * Creates or relabels the scope's namespace (server-side apply, so running it twice changes
 * nothing). A namespace still Terminating from an earlier run is waited out first (bounded; a
 * stuck one throws NamespaceStuckError), since nothing can be created in it.
 */
export async function ensureLabNamespace(
  cluster: Cluster,
  scope: Scope,
  options: { podSecurity: PodSecurityLevel; signal?: AbortSignal },
): Promise<KubeObject> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: scope.namespace };
  const existing = await cluster.get(ref, options.signal);
  if (existing?.metadata.deletionTimestamp !== undefined) {
    await waitGone(cluster, ref, existing, { signal: options.signal });
  }
  const namespace: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: scope.namespace, labels: labNamespaceLabels(scope, options.podSecurity) },
  };
  const [result] = await cluster.apply([namespace], `namespace ${scope.namespace}`, {
    signal: options.signal,
  });
  if (result === undefined || !result.ok) {
    throw new Error(
      `could not create namespace ${scope.namespace}: ${result?.ok === false ? result.error : 'no result'}. ` +
        `Check that the context may create namespaces.`,
    );
  }
  await waitForDefaultServiceAccount(cluster, scope.namespace, options.signal);
  return result.object;
}

/** Deletes the namespace and waits until it is gone; a namespace stuck in Terminating throws NamespaceStuckError. */
export async function deleteLabNamespace(
  cluster: Cluster,
  namespace: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ existed: boolean }> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: namespace };
  const current = await cluster.get(ref, options.signal);
  if (current === undefined) return { existed: false };
  await cluster.delete(ref, { signal: options.signal });
  await waitGone(cluster, ref, current, options);
  return { existed: true };
}

/** Waits until the namespace (this uid) is gone; at the deadline throws NamespaceStuckError. */
async function waitGone(
  cluster: Cluster,
  ref: { apiVersion: string; kind: string; name: string },
  current: KubeObject,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<void> {
  try {
    await cluster.waitForDeletion(ref, {
      timeoutMs: options.timeoutMs ?? NAMESPACE_DELETE_TIMEOUT_MS,
      signal: options.signal,
      uid: current.metadata.uid,
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    const stuck = await cluster.get(ref, options.signal);
    throw stuckError(ref.name, stuck, error);
  }
}

/** Reads finalizers (spec and metadata) and the True conditions of a Terminating namespace. */
export function stuckError(
  namespace: string,
  object: KubeObject | undefined,
  cause?: unknown,
): NamespaceStuckError {
  const spec = object?.['spec'] as { finalizers?: string[] } | undefined;
  const status = object?.['status'] as
    { conditions?: { type: string; status: string; message?: string }[] } | undefined;
  const meta = (object?.metadata['finalizers'] as string[] | undefined) ?? [];
  const finalizers = [...new Set([...(spec?.finalizers ?? []), ...meta])].sort();
  const conditions = (status?.conditions ?? [])
    .filter((c) => c.status === 'True')
    .map((c) => `${c.type}: ${c.message ?? ''}`.trim())
    .sort();
  return new NamespaceStuckError(namespace, finalizers, conditions, { cause });
}
