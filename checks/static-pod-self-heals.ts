import { z } from 'zod';
import {
  defineCheck,
  findStaticManifests,
  type NodeAccess,
  parkingPath,
  STATIC_POD_DIR,
  type StaticManifest,
} from '../src/check-api/index.js';
import { allowForBackOff } from './lib/pods/least-disturbed.js';
import { isMirrorPod, mirrorPodName } from './lib/node/mirror-pod.js';
import { POD_REF, describePod, isPodReady, podName, type Pod } from './lib/pods/pod-state.js';
import { restartBackOff, type RestartBackOff } from './lib/pods/restart-back-off.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/**
 * A static pod keeps its UID (a hash of its manifest) when the same file comes back, and with it the
 * kubelet's restart back-off on its containers when their exited instances are still on the node:
 * the largest back-off its containers show, as the mirror pod reports them.
 */
function staticPodBackOff(mirror: Pod, nowMs: number): { name: string; backOff: RestartBackOff } {
  const backOffs = (mirror.status?.containerStatuses ?? []).map((s) => restartBackOff(s, nowMs));
  const longest = backOffs.sort((a, b) => b.delayMs - a.delayMs)[0];
  return {
    name: podName(mirror),
    backOff: longest ?? { delayMs: 0, reason: 'no container status: no back-off' },
  };
}

/**
 * Two kubelet reactions in a row (stop the pod and delete its mirror, then start it again and post
 * a new mirror), each within seconds through inotify or the kubelet's 20 s re-scan: two minutes.
 */
const DEFAULT_TIMEOUT_MS = 120_000;

export default defineCheck({
  kind: 'static-pod-self-heals',
  description:
    'The grader moves the static manifest out of the kubelet’s directory and the mirror pod disappears; it puts the file back and the kubelet recreates the pod. The student’s file is always restored.',
  params: z.strictObject({
    /** metadata.name in the static manifest. */
    pod: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  needsNodeAccess: true,
  async run(ctx, params) {
    const startedAt = Date.now();
    const node = ctx.node as NodeAccess;
    const namespace = ctx.scope.namespace;
    const mirror = mirrorPodName(params.pod, node.nodeName);
    const expected = `pod ${mirror} gone once its manifest leaves ${STATIC_POD_DIR}, then back (new uid, Running) once it returns`;
    const manifests = await findStaticManifests(node, {
      name: params.pod,
      namespace,
      signal: ctx.signal,
    });
    if (manifests.length === 0) {
      return {
        status: 'failed',
        message: `no file in ${STATIC_POD_DIR} on node ${node.nodeName} defines pod ${params.pod} in namespace ${namespace}, so there is nothing the kubelet manages: a pod created through the API is not a static pod`,
        evidence: {
          expected,
          observed: `${STATIC_POD_DIR}: ${(await node.list(STATIC_POD_DIR, ctx.signal)).sort().join(', ') || 'empty'}`,
        },
      };
    }
    const before = await ctx.cluster.get<Pod>({ ...POD_REF, namespace, name: mirror }, ctx.signal);
    if (before === undefined || !isMirrorPod(before)) {
      return {
        status: 'failed',
        message: `mirror pod ${mirror} not found in namespace ${namespace} although ${manifests.map((m) => m.path).join(', ')} defines it: check the kubelet's view with \`kubectl describe node\` and the file's syntax`,
        evidence: {
          expected,
          observed: before === undefined ? 'no such pod' : describePod(before),
        },
      };
    }
    const notes = [
      `manifest(s): ${manifests.map((m) => m.path).join(', ')}`,
      ...allowForBackOff(ctx, staticPodBackOff(before, Date.now()), 'the pod to start again'),
    ];
    const parked: StaticManifest[] = [];
    try {
      ctx.progress(`moving ${manifests.map((m) => m.file).join(', ')} out of ${STATIC_POD_DIR}`);
      for (const manifest of manifests) {
        await node.move(manifest.path, parkingPath(manifest), ctx.signal);
        parked.push(manifest);
      }
      const movedAt = Date.now();
      const budget = remainingBudget(ctx, startedAt);
      try {
        await ctx.cluster.waitForDeletion(
          { ...POD_REF, namespace, name: mirror },
          {
            timeoutMs: budget / 2,
            signal: ctx.signal,
            uid: before.metadata.uid,
            onProgress: (s) => ctx.progress(`waiting for ${mirror} to disappear: ${s}`),
          },
        );
      } catch (error) {
        if (ctx.signal.aborted || !(error instanceof Error) || error.name !== 'WaitTimeoutError')
          throw error;
        return {
          status: 'failed',
          message: `the manifest left ${STATIC_POD_DIR} but pod ${mirror} was still there after ${Math.round(budget / 2000)}s: the kubelet does not manage it`,
          evidence: { expected, observed: describePod(before), notes },
        };
      }
      notes.push(
        `mirror pod gone ${((Date.now() - movedAt) / 1000).toFixed(1)}s after the file was moved away`,
      );
      ctx.progress(`putting ${manifests.map((m) => m.file).join(', ')} back`);
      await restore(node, parked, ctx.signal);
      parked.length = 0;
      const restoredAt = Date.now();
      const verdict = await waitVerdict<Pod, Pod>(
        ctx,
        { ...POD_REF, namespace, fieldSelector: `metadata.name=${mirror}` },
        {
          description: `mirror pod ${mirror} to be recreated and Running`,
          check(pods) {
            const pod = pods[0];
            if (pod === undefined) return { state: 'pending', errors: ['not recreated yet'] };
            if (pod.metadata.uid === before.metadata.uid)
              return { state: 'pending', errors: ['still the old pod'] };
            return isMirrorPod(pod) && isPodReady(pod)
              ? { state: 'met', value: pod }
              : { state: 'pending', errors: [describePod(pod)] };
          },
        },
        remainingBudget(ctx, startedAt),
      );
      if (!verdict.met) {
        return {
          status: 'failed',
          message: `the manifest is back in ${STATIC_POD_DIR} but ${mirror} was not recreated Running: ${verdict.errors.join('; ')}`,
          evidence: { expected, observed: verdict.errors.join('\n'), notes },
        };
      }
      notes.push(
        `recreated ${((Date.now() - restoredAt) / 1000).toFixed(1)}s after the file came back (uid ${verdict.value.metadata.uid ?? '?'})`,
      );
      return {
        status: 'passed',
        message: `the kubelet removed ${mirror} when its manifest left the node's directory and recreated it when the file came back`,
        evidence: { observed: describePod(verdict.value), notes },
      };
    } finally {
      await restore(node, parked, undefined);
    }
  },
});

/** Puts parked manifests back; runs in finally blocks, so it ignores the (maybe aborted) signal. */
async function restore(
  node: NodeAccess,
  parked: readonly StaticManifest[],
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const manifest of parked) {
    if (await node.exists(parkingPath(manifest), signal))
      await node.move(parkingPath(manifest), manifest.path, signal);
  }
}
