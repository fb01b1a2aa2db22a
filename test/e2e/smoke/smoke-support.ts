/**
 * What the cluster smoke suites share: the busybox image from labs/images.yaml, the pod shape
 * they read, a one-pod wait condition, apply-or-throw and exec-or-throw. Every wait rides on the
 * Cluster contract's watch (waitFor) with a deadline; nothing here sleeps or polls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type {
  Cluster,
  ConditionState,
  KubeObject,
  WaitCondition,
} from '../../../src/cluster/cluster.js';
import { podRef, type PodLike } from '../../../src/cluster/watch/conditions.js';
import { REPO_ROOT } from '../support/index.js';

/**
 * A pod of a locally imported image starts in a few seconds on an idle node; 90 s tolerates the
 * 2-core test machine under the load of several suites at once.
 */
export const POD_START_MS = 90_000;

/** Mocha timeout of one smoke test: a pod start or two, the behaviour, and the namespace teardown. */
export const SMOKE_TEST_MS = 240_000;

/** The busybox ref of labs/images.yaml (the one image list the cluster imports). */
export const BUSYBOX = imageRef('docker.io/library/busybox:');

export function imageRef(prefix: string): string {
  const text = readFileSync(join(REPO_ROOT, 'labs/images.yaml'), 'utf8');
  const list = parse(text) as { images?: { ref?: string }[] };
  const ref = (list.images ?? []).map((i) => i.ref ?? '').find((r) => r.startsWith(prefix));
  if (ref === undefined)
    throw new Error(`labs/images.yaml lists no image starting with ${prefix}; expected one`);
  return ref;
}

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    reason?: string;
    exitCode?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

/** The pod fields the smoke suites read. */
export interface SmokePod extends PodLike {
  spec?: {
    nodeName?: string;
    priority?: number;
    volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    nominatedNodeName?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: {
      name: string;
      ready?: boolean;
      restartCount?: number;
      state?: ContainerState;
      lastState?: ContainerState;
    }[];
  };
}

/** The status of container `name` of a pod, if the kubelet reported it. */
export function containerStatus(
  pod: SmokePod,
  name: string,
): NonNullable<NonNullable<SmokePod['status']>['containerStatuses']>[number] | undefined {
  return pod.status?.containerStatuses?.find((c) => c.name === name);
}

/**
 * A condition on one pod (use with podRef): `verdict` sees the pod once it exists and returns the
 * value when met, or the words saying what is still missing.
 */
export function podCondition<R>(options: {
  name: string;
  description: string;
  verdict: (pod: SmokePod) => ConditionState<R>;
}): WaitCondition<SmokePod, R> {
  const { name, description, verdict } = options;
  return {
    description: `pod ${name} ${description}`,
    check(objects) {
      const pod = objects.find((o) => o.metadata.name === name);
      return pod === undefined
        ? { state: 'pending', errors: [`pod ${name} not found`] }
        : verdict(pod);
    },
  };
}

/** Waits on the watch for one pod's condition, with the pod-start deadline unless told otherwise. */
export function waitPod<R>(
  cluster: Cluster,
  options: {
    namespace: string;
    condition: WaitCondition<SmokePod, R>;
    name: string;
    timeoutMs?: number;
  },
): Promise<R> {
  return cluster.waitFor(podRef(options.namespace, options.name), options.condition, {
    timeoutMs: options.timeoutMs ?? POD_START_MS,
  });
}

/** Server-side applies the objects into the namespace; any refused document throws with the API server's words. */
export async function applyAll(
  cluster: Cluster,
  namespace: string,
  objects: readonly KubeObject[],
): Promise<KubeObject[]> {
  const results = await cluster.apply(objects, 'smoke suite', { namespace });
  const refused = results.flatMap((r) => (r.ok ? [] : [`${r.ref.kind}/${r.ref.name}: ${r.error}`]));
  if (refused.length > 0) throw new Error(`smoke objects refused: ${refused.join('; ')}`);
  return results.flatMap((r) => (r.ok ? [r.object] : []));
}

/** Bounds one exec in a smoke pod: busybox answers at once; 30 s allows for a loaded node. */
const EXEC_MS = 30_000;

/** Runs argv in the pod's (only) container and returns stdout; a non-zero exit throws with stderr. */
export async function execOk(
  cluster: Cluster,
  options: { namespace: string; pod: string; command: readonly string[] },
): Promise<string> {
  const result = await cluster.exec({ ...options, timeoutMs: EXEC_MS });
  if (result.exitCode !== 0) {
    throw new Error(
      `\`${options.command.join(' ')}\` in pod ${options.pod} exited ${result.exitCode}, expected 0: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout;
}

/** The node static pods and DaemonSets land on: the control-plane node, else the first by name. */
export async function controlPlaneNode(cluster: Cluster): Promise<KubeObject> {
  const nodes = await cluster.list({ apiVersion: 'v1', kind: 'Node' });
  const sorted = [...nodes].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  const node =
    sorted.find((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})) ??
    sorted[0];
  if (node === undefined) throw new Error('the test cluster has no nodes; expected one Ready node');
  return node;
}

/** A busybox container (the locally imported image, never pulled) running `command`. */
export function busybox(name: string, command: readonly string[]): Record<string, unknown> {
  return { name, image: BUSYBOX, imagePullPolicy: 'IfNotPresent', command: [...command] };
}

/**
 * A bare pod of the given containers. Grace 0: busybox `sleep` as PID 1 ignores SIGTERM, so the
 * default 30 s grace would slow every deletion and namespace teardown for nothing.
 */
export function pod(options: {
  name: string;
  spec: Record<string, unknown> & { containers: Record<string, unknown>[] };
  labels?: Record<string, string>;
}): KubeObject {
  const { name, spec, labels = {} } = options;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { terminationGracePeriodSeconds: 0, ...spec },
  };
}

interface CoreEvent extends KubeObject {
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; uid?: string };
}

/**
 * Waits on the watch for an event with `reason` about the named object whose message matches
 * `message`; returns that message. The kubelet and scheduler post events asynchronously, so a test
 * that saw the effect still waits for its event rather than listing once.
 */
export function waitEvent(
  cluster: Cluster,
  options: {
    namespace: string;
    object: string;
    reason: string;
    message: RegExp;
    timeoutMs?: number;
  },
): Promise<string> {
  return cluster.waitFor<CoreEvent, string>(
    {
      apiVersion: 'v1',
      kind: 'Event',
      namespace: options.namespace,
      fieldSelector: `involvedObject.name=${options.object},reason=${options.reason}`,
    },
    {
      description: `an event ${options.reason} about ${options.object} saying ${String(options.message)}`,
      check(events) {
        const found = events.find((e) => options.message.test(e.message ?? ''));
        return found === undefined
          ? {
              state: 'pending',
              errors: [
                `${events.length} ${options.reason} event(s): ${events.map((e) => e.message ?? '').join(' | ') || 'none'}`,
              ],
            }
          : { state: 'met', value: found.message ?? '' };
      },
    },
    { timeoutMs: options.timeoutMs ?? POD_START_MS },
  );
}
