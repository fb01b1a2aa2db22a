/**
 * Where a lab run lives: its namespace, who it is for, and how the names of cluster-scoped objects
 * (PersistentVolume, StorageClass, PriorityClass) are mapped. A student on their own cluster writes
 * `pv-demo` and gets `pv-demo`; in batch grading the same manifest becomes `s-alice--pv-demo`, so two
 * students never bind each other's volumes.
 */
export interface Scope {
  readonly labId: string;
  readonly namespace: string;
  /** Sanitised student id in batch grading; undefined for a student self-checking. */
  readonly user: string | undefined;
  /** Prefix for cluster-scoped names ('' for a student on their own cluster). */
  readonly clusterPrefix: string;
  /** Labels put on everything kubelab creates for this run. */
  readonly labels: Readonly<Record<string, string>>;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'kubelab';
export const LAB_LABEL = 'kubelab.dev/lab';
export const USER_LABEL = 'kubelab.dev/user';

/** The real name of a cluster-scoped object the student called `name`. */
export function clusterName(scope: Scope, name: string): string {
  return scope.clusterPrefix === '' ? name : `${scope.clusterPrefix}${name}`;
}

export function namespaceFor(labId: string, user?: string): string {
  return user === undefined ? `kubelab-${labId}` : `kubelab-${labId}-${user}`;
}

export function scopeFor(labId: string, user?: string): Scope {
  const labels: Record<string, string> = {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [LAB_LABEL]: labId,
  };
  if (user !== undefined) labels[USER_LABEL] = user;
  return {
    labId,
    namespace: namespaceFor(labId, user),
    user,
    clusterPrefix: user === undefined ? '' : `${user}--`,
    labels,
  };
}
