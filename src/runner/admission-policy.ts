import type { KubeObject } from '../cluster/cluster.js';
import { KUBELAB_VOLUMES_ROOT } from '../cluster/node-access/paths.js';
import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, USER_LABEL } from '../model/scope.js';
import {
  DEFAULT_CLASS_ANNOTATIONS,
  MAX_SUBMISSION_PRIORITY,
  NODE_PORT_SERVICE_TYPES,
  SYSTEM_PRIORITY_PREFIX,
} from './submission-limits.js';
import { CONFINED_LABEL } from './pv-host-path.js';
import { VERIFY_LABEL } from '../cluster/run-owner.js';

/** The policy on what a submission creates in its namespace (pods, Services). */
export const NAMESPACED_POLICY = 'kubelab-submission-namespaced';
/** The policy on the cluster-scoped objects kubelab creates for a submission (labelled). */
export const CLUSTER_SCOPED_POLICY = 'kubelab-submission-cluster-scoped';

/** Labels that mark a graded scope: a batch submission (user) or a verify run. */
const SCOPE_LABELS = [
  { key: USER_LABEL, suffix: '' },
  { key: VERIFY_LABEL, suffix: '-verify' },
] as const;

const ADMISSION_API = 'admissionregistration.k8s.io/v1';
const list = (values: readonly string[]): string => `[${values.map((v) => `'${v}'`).join(', ')}]`;

interface Validation {
  readonly expression: string;
  readonly message: string;
}

const on = (resource: string, expression: string): string =>
  `request.resource.resource != '${resource}' || (${expression})`;

/** Pods and Services of a submission namespace. */
const NAMESPACED_RULES: readonly Validation[] = [
  {
    expression: on(
      'pods',
      `!has(object.spec.priorityClassName) || !object.spec.priorityClassName.startsWith('${SYSTEM_PRIORITY_PREFIX}')`,
    ),
    message: `kubelab: a graded submission's pod may not use a ${SYSTEM_PRIORITY_PREFIX}* PriorityClass (reserved for the cluster's own components)`,
  },
  {
    expression: on(
      'pods',
      `!has(object.spec.priority) || object.spec.priority <= ${MAX_SUBMISSION_PRIORITY}`,
    ),
    message: `kubelab: a graded submission's pod may not run with a priority above ${MAX_SUBMISSION_PRIORITY}`,
  },
  {
    expression: on(
      'services',
      `!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0`,
    ),
    message: 'kubelab: a graded submission may not set spec.externalIPs on a Service',
  },
  {
    expression: on(
      'services',
      `!has(object.spec.type) || !(object.spec.type in ${list(NODE_PORT_SERVICE_TYPES)})`,
    ),
    message: `kubelab: a graded submission may not create Services of type ${NODE_PORT_SERVICE_TYPES.join(' or ')} (they open ports on the node)`,
  },
];

/** `<root>/<user>/<lab>/`: the only place a submission's PersistentVolume may point to (pv-host-path.ts). */
const VOLUME_BASE = `'${KUBELAB_VOLUMES_ROOT}/' + object.metadata.labels['${USER_LABEL}'] + '/' + object.metadata.labels['${LAB_LABEL}'] + '/'`;
const PV_PATH = `has(object.spec.hostPath) ? object.spec.hostPath.path : (has(object.spec.local) ? object.spec.local.path : '')`;

/** PriorityClasses, StorageClasses and PersistentVolumes carrying a graded scope's labels. */
const CLUSTER_SCOPED_RULES: readonly Validation[] = [
  {
    expression: on('priorityclasses', `object.value <= ${MAX_SUBMISSION_PRIORITY}`),
    message: `kubelab: a graded submission's PriorityClass may not have a value above ${MAX_SUBMISSION_PRIORITY}`,
  },
  {
    expression: on('priorityclasses', `!has(object.globalDefault) || !object.globalDefault`),
    message: "kubelab: a graded submission's PriorityClass may not be the cluster's globalDefault",
  },
  {
    expression: on(
      'storageclasses',
      `!has(object.metadata.annotations) || !object.metadata.annotations.exists(k, k in ${list(DEFAULT_CLASS_ANNOTATIONS)})`,
    ),
    message: "kubelab: a graded submission's StorageClass may not carry a default-class annotation",
  },
  {
    expression: on('storageclasses', `!has(object.parameters) || size(object.parameters) == 0`),
    message:
      "kubelab: a graded submission's StorageClass may not set provisioner parameters (they choose node paths)",
  },
  {
    // Only the volumes batch grading confined (pv-host-path.ts) are held to their directory: verify
    // and tests apply the paths as written.
    expression: on(
      'persistentvolumes',
      `!('${CONFINED_LABEL}' in object.metadata.labels) || (variables.path.startsWith(variables.base) && size(variables.path) > size(variables.base) && !variables.path.substring(size(variables.base)).contains('/') && !(variables.path.substring(size(variables.base)) in ['.', '..']))`,
    ),
    message: `kubelab: a graded submission's PersistentVolume must be a hostPath or local volume in its own directory ${KUBELAB_VOLUMES_ROOT}/<user>/<lab>/<name>`,
  },
];

const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

function policy(options: {
  name: string;
  rules: readonly { apiGroups: string[]; resources: string[] }[];
  validations: readonly Validation[];
  variables?: readonly { name: string; expression: string }[];
}): KubeObject {
  return {
    apiVersion: ADMISSION_API,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: options.name, labels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: options.rules.map((rule) => ({
          ...rule,
          apiVersions: ['*'],
          operations: ['CREATE', 'UPDATE'],
        })),
      },
      ...(options.variables === undefined ? {} : { variables: options.variables }),
      validations: options.validations.map((v) => ({ ...v, reason: 'Forbidden' })),
    },
  };
}

function binding(
  policyName: string,
  selector: 'namespaceSelector' | 'objectSelector',
): KubeObject[] {
  return SCOPE_LABELS.map(({ key, suffix }) => ({
    apiVersion: ADMISSION_API,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `${policyName}${suffix}`, labels },
    spec: {
      policyName,
      validationActions: ['Deny'],
      matchResources: { [selector]: { matchExpressions: [{ key, operator: 'Exists' }] } },
    },
  }));
}

/**
 * The cluster-side half of submission isolation: two ValidatingAdmissionPolicies and their
 * bindings, one binding per graded-scope label (batch `kubelab.dev/user`, verify
 * `kubelab.dev/verify`, since one selector cannot say "either"). Pods and Services are policed in
 * namespaces carrying the label (what the student's impersonated identity applies), PriorityClasses,
 * StorageClasses and PersistentVolumes when they carry it themselves (kubelab labels every
 * cluster-scoped object it creates for a scope). Same limits as submission-rules.ts. Not labelled
 * per lab or user: shared by every run, so `kubelab cleanup` of one lab never removes them.
 */
export function admissionPolicyObjects(): KubeObject[] {
  return [
    policy({
      name: NAMESPACED_POLICY,
      rules: [{ apiGroups: [''], resources: ['pods', 'services'] }],
      validations: NAMESPACED_RULES,
    }),
    ...binding(NAMESPACED_POLICY, 'namespaceSelector'),
    policy({
      name: CLUSTER_SCOPED_POLICY,
      rules: [
        { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'] },
        { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'] },
        { apiGroups: [''], resources: ['persistentvolumes'] },
      ],
      variables: [
        { name: 'base', expression: VOLUME_BASE },
        { name: 'path', expression: PV_PATH },
      ],
      validations: CLUSTER_SCOPED_RULES,
    }),
    ...binding(CLUSTER_SCOPED_POLICY, 'objectSelector'),
  ];
}
