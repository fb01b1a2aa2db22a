/**
 * The door for check authors: everything a check kind (checks/<kind>.ts) and its helpers
 * (checks/lib/) may use from kubelab's engine, and nothing else. Check code imports `src/` only
 * through this file (eslint.config.js enforces it), so the engine can move its files without
 * touching a check. What is here sits below the runner on the layer ladder: model ← cluster,
 * report ← check-api ← checks.
 */

// The context a check runs in, and how a checks/<kind>.ts declares itself.
export { defineCheck, type CheckContext, type CheckKind } from './check-kind.js';
export {
  CheckStatus,
  type CheckOutcome,
  type Evidence,
  type FieldError,
  type LogExcerpt,
} from '../model/result.js';

// The cluster contract: the objects a check reads, waits on and execs into.
export type {
  Cluster,
  ConditionState,
  ExecResult,
  KubeObject,
  ListRef,
  ObjectRef,
  WaitCondition,
  WaitOptions,
} from '../cluster/cluster.js';
export type { NodeAccess } from '../cluster/node-access/node-access.js';
export { timeOf } from '../cluster/time.js';
export { inRestartBackOff } from '../cluster/crashed-instance.js';

// Where a check finds what it grades: the namespace, and cluster-scoped names (prefixed in batch).
export { clusterName, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type Scope } from '../model/scope.js';
export { isClusterScoped, PREFIXED_KINDS } from '../cluster/cluster-scoped.js';
export { deleteLabNamespace, ensureLabNamespace } from '../cluster/namespace.js';

// What a failed check shows when it has no evidence of its own: events and previous logs.
export { collectPodDiagnostics, type Diagnostics, type DiagnosticsTarget } from './diagnostics.js';

// Kubernetes values and files: quantities, durations, answers.yaml, static pod manifests.
export { formatBytes, parseQuantity, sameQuantity } from '../cluster/quantity.js';
export { Duration } from '../model/duration.js';
export { readYamlFile } from '../model/safe-yaml.js';
export {
  findStaticManifests,
  parkingPath,
  STATIC_POD_DIR,
  type StaticManifest,
} from '../cluster/node-access/static-manifests.js';

// Storage: the cluster's default StorageClass and dynamically provisioned volumes.
export { defaultClasses } from '../cluster/default-storage-class.js';
export { CLUSTER_DEFAULT_PROVISIONER } from '../cluster/cluster-provisioner.js';
export { handBackToProvisioner, provisionedBy } from '../cluster/cleanup/provisioned-volumes.js';
