/**
 * What a graded submission (batch grading, verify) may not do outside its namespace, in one place:
 * the client-side refusal (submission-rules.ts) and the cluster's own admission policy
 * (admission-policy.ts) enforce the same limits, so the feedback names what the API server would
 * also refuse.
 */

/**
 * The highest PriorityClass value (and pod priority) a submission may use. The course's class is
 * 1000 (labs/priority-preemption); CoreDNS and other cluster add-ons run at system-cluster-critical
 * (2 000 000 000) and system-node-critical (2 000 001 000), and user classes may go up to
 * 1 000 000 000: one million keeps every submission far below anything the cluster relies on.
 */
export const MAX_SUBMISSION_PRIORITY = 1_000_000;

/** PriorityClasses the cluster reserves for its own components; submission pods may not use them. */
export const SYSTEM_PRIORITY_PREFIX = 'system-';

/** Annotations that make a StorageClass a cluster default (GA and the old beta key). */
export { DEFAULT_CLASS_ANNOTATIONS } from '../cluster/default-storage-class.js';

/** Service types that open a port on the node (or ask a cloud for one); no lab teaches them. */
export const NODE_PORT_SERVICE_TYPES = ['LoadBalancer', 'NodePort'] as const;
