import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { POD_REF, describePod, isPodReady, type Pod } from '../pods/pod-state.js';
import { waitVerdict } from '../wait.js';

/** The one image grader pods run: listed in labs/images.yaml, so it is present on every lab cluster. */
export const GRADER_IMAGE = 'docker.io/library/busybox:1.35';

/** Label on every pod the grader creates itself (clients, fillers), so they can be found and removed. */
export const GRADER_LABEL = 'kubelab.dev/grader';

export interface GraderPodOptions {
  /** Name prefix (generateName); the API server adds a random suffix. */
  readonly prefix: string;
  /** What the pod is for, the value of the grader label: `client`, `filler`… */
  readonly role: string;
  /** Default: sleep for ten minutes (the grader deletes it long before). */
  readonly command?: readonly string[];
  /** Requests (and memory limit) of the pod; default 10m CPU and 16Mi. */
  readonly cpu?: string;
  readonly memory?: string;
  /** Set a memory limit equal to the request (default true). */
  readonly limitMemory?: boolean;
  /** Pin the pod to nodes with these labels (e.g. kubernetes.io/hostname). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** A PriorityClass for the pod (default: none, priority 0). */
  readonly priorityClassName?: string;
  /** Extra labels besides the scope's and the grader label. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A small busybox pod that passes Pod Security `restricted` (non-root, no privilege escalation, all
 * capabilities dropped, RuntimeDefault seccomp), so it runs in any lab namespace.
 */
export function graderPodManifest(
  ctx: Pick<CheckContext, 'scope'>,
  options: GraderPodOptions,
): KubeObject {
  const memory = options.memory ?? '16Mi';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: options.prefix,
      namespace: ctx.scope.namespace,
      labels: { ...ctx.scope.labels, ...(options.labels ?? {}), [GRADER_LABEL]: options.role },
    },
    spec: {
      restartPolicy: 'Never',
      ...(options.nodeSelector === undefined ? {} : { nodeSelector: { ...options.nodeSelector } }),
      ...(options.priorityClassName === undefined
        ? {}
        : { priorityClassName: options.priorityClassName }),
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        runAsGroup: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'grader',
          image: GRADER_IMAGE,
          command: [...(options.command ?? ['sleep', '600'])],
          resources: {
            requests: { cpu: options.cpu ?? '10m', memory },
            ...(options.limitMemory === false ? {} : { limits: { memory } }),
          },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

/** Creates a grader pod and waits until it is Ready; returns its name, or throws when it never is. */
export async function startGraderPod(
  ctx: CheckContext,
  options: GraderPodOptions,
  timeoutMs: number,
): Promise<string> {
  const created = await ctx.cluster.create<Pod>(graderPodManifest(ctx, options), ctx.signal);
  const name = created.metadata.name ?? '';
  const verdict = await waitVerdict<Pod, true>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${name}` },
    {
      description: `grader pod ${name} to be Ready`,
      check(pods) {
        const pod = pods[0];
        if (pod !== undefined && isPodReady(pod)) return { state: 'met', value: true };
        if (pod?.status?.phase === 'Failed' || pod?.status?.phase === 'Succeeded') {
          return { state: 'impossible', reason: describePod(pod) };
        }
        return {
          state: 'pending',
          errors: [pod === undefined ? 'not created yet' : describePod(pod)],
        };
      },
    },
    timeoutMs,
  );
  if (!verdict.met) {
    await removeGraderPods(ctx, [name]);
    throw new GraderPodError(name, verdict.errors);
  }
  return name;
}

/** Deletes grader pods at once (grace period 0); never throws, so it fits in a finally block. */
export async function removeGraderPods(
  ctx: Pick<CheckContext, 'cluster' | 'scope'>,
  names: readonly string[],
): Promise<void> {
  await Promise.allSettled(
    names.map((name) =>
      ctx.cluster.delete(
        { ...POD_REF, namespace: ctx.scope.namespace, name },
        { gracePeriodSeconds: 0 },
      ),
    ),
  );
}

/** The grader's own helper pod did not start: the cluster, not the student, is at fault. */
export class GraderPodError extends Error {
  override readonly name = 'GraderPodError';
  constructor(
    readonly pod: string,
    readonly observed: readonly string[],
  ) {
    super(
      `the grader's helper pod ${pod} (${GRADER_IMAGE}) did not become Ready: ${observed.join('; ') || 'no status'}. ` +
        'Check that the image is available on the node and that the namespace quota leaves room for it.',
    );
  }
}
