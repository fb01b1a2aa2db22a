import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../model/scope.js';
import type { Cluster, KubeObject } from '../cluster.js';
import { commandNodeAccess, type CommandResult } from './command-access.js';
import type { NodeAccess } from './node-access.js';
import { checkNodePath } from './paths.js';

/** The namespace holding node-access pods (privileged Pod Security; removed by `kubelab cleanup`). */
export const NODE_ACCESS_NAMESPACE = 'kubelab-node-access';
/** A small image with coreutils that every lab cluster already has (labs/images.yaml). */
export const NODE_ACCESS_IMAGE = 'docker.io/library/busybox:1.35';
/** Where the node's root filesystem is mounted inside the pod. */
const HOST_ROOT = '/host';
/** Starting the pod: scheduling is skipped (nodeName), the image is usually present; 2 minutes covers a pull. */
const POD_READY_TIMEOUT_MS = 120_000;
/** One command in the pod. */
const POD_COMMAND_TIMEOUT_MS = 30_000;

interface PodStatus {
  phase?: string;
  containerStatuses?: {
    ready?: boolean;
    state?: { waiting?: { reason?: string; message?: string } };
  }[];
}

function nodeAccessPod(name: string, nodeName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: NODE_ACCESS_NAMESPACE,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
    },
    spec: {
      nodeName,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: 'shell',
          image: NODE_ACCESS_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '86400'],
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'host', mountPath: HOST_ROOT }],
        },
      ],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    },
  };
}

/**
 * Node files through a privileged pod pinned to `nodeName`, with the node's / mounted at /host;
 * commands run via exec. `close()` deletes the pod. Use when no direct way (local, minikube, kind) fits.
 */
export async function podNodeAccess(
  cluster: Cluster,
  options: { nodeName: string; signal?: AbortSignal },
): Promise<NodeAccess> {
  const { nodeName, signal } = options;
  await cluster.apply(
    [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: NODE_ACCESS_NAMESPACE,
          labels: {
            [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
            'pod-security.kubernetes.io/enforce': 'privileged',
          },
        },
      },
    ],
    'node access namespace',
    { signal },
  );
  const name = `node-access-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  await cluster.create(nodeAccessPod(name, nodeName), signal);
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: NODE_ACCESS_NAMESPACE, name };
  try {
    await cluster.waitFor<KubeObject & { status?: PodStatus }, true>(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: NODE_ACCESS_NAMESPACE,
        fieldSelector: `metadata.name=${name}`,
      },
      {
        description: `node access pod ${name} on node ${nodeName} to be Ready`,
        check([pod]) {
          const status = pod?.status;
          if (status?.phase === 'Failed' || status?.phase === 'Succeeded') {
            return { state: 'impossible', reason: `the pod ended (phase ${status.phase})` };
          }
          if (status?.containerStatuses?.[0]?.ready === true) return { state: 'met', value: true };
          const waiting = status?.containerStatuses?.[0]?.state?.waiting;
          if (waiting?.reason === 'ErrImagePull' || waiting?.reason === 'ImagePullBackOff') {
            return {
              state: 'impossible',
              reason: `image ${NODE_ACCESS_IMAGE} cannot be pulled: ${waiting.message ?? ''}`,
            };
          }
          return {
            state: 'pending',
            errors: [`pod ${name} is ${waiting?.reason ?? status?.phase ?? 'not created yet'}`],
          };
        },
      },
      { timeoutMs: POD_READY_TIMEOUT_MS, signal },
    );
  } catch (error) {
    await cluster.delete(ref, { gracePeriodSeconds: 0 });
    throw error;
  }
  const access = commandNodeAccess({
    kind: 'pod',
    nodeName,
    checkPath: (path) => `${HOST_ROOT}${checkNodePath(path)}`.replace(/\/$/, ''),
    async run(argv, { input, signal: runSignal }): Promise<CommandResult> {
      return cluster.exec({
        namespace: NODE_ACCESS_NAMESPACE,
        pod: name,
        container: 'shell',
        command: argv,
        stdin: input,
        timeoutMs: POD_COMMAND_TIMEOUT_MS,
        signal: runSignal,
      });
    },
  });
  return {
    ...access,
    async close(closeSignal) {
      await cluster.delete(ref, { gracePeriodSeconds: 0, signal: closeSignal });
    },
  };
}
