import type { KubeObject } from '../../cluster/cluster.js';
import type { Scope } from '../../model/scope.js';

/** The ServiceAccount student manifests are applied as (impersonated), one per grading namespace. */
export const STUDENT_SERVICE_ACCOUNT = 'kubelab-student';
const ROLE = 'kubelab-student';

/**
 * What one submission may use. Sized so a handful of submissions graded at once fit on a small
 * node and one cannot starve the others: a memory or fork bomb hits its container's default
 * memory limit (and the node's kubelet pid limit, podPidsLimit, where the cluster sets one), and
 * a replica bomb stops at 10 pods.
 */
export const SUBMISSION_QUOTA = {
  pods: '10',
  'requests.cpu': '2',
  'requests.memory': '1Gi',
  'limits.cpu': '4',
  'limits.memory': '2Gi',
  persistentvolumeclaims: '6',
  'requests.storage': '6Gi',
  services: '10',
  configmaps: '20',
  secrets: '20',
} as const;

/** Defaults for containers that set no resources, so the quota can admit them. */
export const CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: '50m', memory: '32Mi' },
  default: { cpu: '500m', memory: '256Mi' },
} as const;

/** The namespaced kinds the labs teach, editable by the student's identity (an `edit`-like Role). */
const EDIT_RULES = [
  {
    apiGroups: [''],
    resources: [
      'pods',
      'services',
      'configmaps',
      'secrets',
      'persistentvolumeclaims',
      'serviceaccounts',
    ],
  },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
].map((rule) => ({
  ...rule,
  verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
}));

const READ_RULES = [
  {
    apiGroups: [''],
    resources: ['pods/log', 'events', 'endpoints'],
    verbs: ['get', 'list', 'watch'],
  },
  {
    apiGroups: ['discovery.k8s.io'],
    resources: ['endpointslices'],
    verbs: ['get', 'list', 'watch'],
  },
];

/**
 * The objects that fence one (student, lab) namespace: ResourceQuota, LimitRange, the student's
 * ServiceAccount, and a Role + RoleBinding giving it edit rights on the lab kinds in this namespace
 * only. Applied by the grader before the student's manifests.
 */
export function isolationObjects(scope: Scope): KubeObject[] {
  const metadata = (name: string): KubeObject['metadata'] => ({
    name,
    namespace: scope.namespace,
    labels: { ...scope.labels },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: metadata('kubelab-submission'),
      spec: { hard: { ...SUBMISSION_QUOTA } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: metadata('kubelab-submission'),
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { ...CONTAINER_DEFAULTS.defaultRequest },
            default: { ...CONTAINER_DEFAULTS.default },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(STUDENT_SERVICE_ACCOUNT),
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(ROLE),
      rules: [...EDIT_RULES, ...READ_RULES],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(ROLE),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: ROLE },
      subjects: [
        { kind: 'ServiceAccount', name: STUDENT_SERVICE_ACCOUNT, namespace: scope.namespace },
      ],
    },
  ];
}

/** `system:serviceaccount:<ns>:kubelab-student`: the identity student manifests are applied as. */
export function studentIdentity(namespace: string): string {
  return `system:serviceaccount:${namespace}:${STUDENT_SERVICE_ACCOUNT}`;
}
