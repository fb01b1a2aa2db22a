/**
 * Kinds the API server keeps outside namespaces. Student manifests are applied into a namespace,
 * so these are refused unless the lab allows them (lab.clusterScoped), and the checks that grade
 * them map their names through clusterName(scope, …). Only built-in kinds are listed: kubelab has
 * no discovery step, and an unknown kind is treated as namespaced (the API server then refuses it
 * in the lab's namespace if it is not).
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Cluster-scoped kinds whose names a lab's manifests choose (and which batch grading prefixes). */
export const PREFIXED_KINDS: ReadonlySet<string> = new Set([
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}
