import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type Scope } from '../model/scope.js';

/** Marks what `kubelab verify` creates, so a leftover from an interrupted run is recognisable. */
export const VERIFY_LABEL = 'kubelab.dev/verify';

/**
 * The scope `kubelab verify` runs a lab in: namespace `kubelab-verify-<lab>`, and cluster-scoped
 * objects prefixed `kubelab-verify--` so they never collide with a student's own on the same
 * cluster.
 */
export function verifyScope(labId: string): Scope {
  return {
    labId,
    namespace: `kubelab-verify-${labId}`,
    user: undefined,
    clusterPrefix: 'kubelab-verify--',
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LAB_LABEL]: labId, [VERIFY_LABEL]: 'true' },
  };
}
