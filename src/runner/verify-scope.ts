import { randomBytes } from 'node:crypto';
import { VERIFY_LABEL } from '../cluster/run-owner.js';
import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type Scope } from '../model/scope.js';

/** A short random id (5 lowercase letters or digits) telling concurrent verify runs apart. */
export function newVerifyRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * The scope `kubelab verify` runs a lab in: namespace `kubelab-verify-<lab>-<run>`, and
 * cluster-scoped objects prefixed `kubelab-verify-<run>--`. The run id keeps two verify runs of the
 * same lab on one cluster (CI shards, several people) from deleting each other's namespace or
 * applying into it.
 */
export function verifyScope(labId: string, runId: string): Scope {
  return {
    labId,
    namespace: `kubelab-verify-${labId}-${runId}`,
    user: undefined,
    clusterPrefix: `kubelab-verify-${runId}--`,
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LAB_LABEL]: labId, [VERIFY_LABEL]: runId },
  };
}
