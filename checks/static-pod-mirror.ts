import { z } from 'zod';
import {
  defineCheck,
  findStaticManifests,
  type KubeObject,
  STATIC_POD_DIR,
} from '../src/check-api/index.js';
import { MIRROR_ANNOTATION, isMirrorPod, mirrorPodName } from './lib/node/mirror-pod.js';
import { POD_REF, describePod, isPodReady, type Pod } from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/**
 * The kubelet notices a new file in its static pod directory within seconds (inotify, or its 20 s
 * re-scan), then starts the pod and posts the mirror pod: a minute covers both plus an image start.
 */
const DEFAULT_TIMEOUT_MS = 60_000;

export default defineCheck({
  kind: 'static-pod-mirror',
  description:
    'The mirror pod `<name>-<node>` of a static pod exists, is Running and Ready, and carries the kubelet’s kubernetes.io/config.mirror annotation (so it was started from a node file, not created through the API).',
  params: z.strictObject({
    /** metadata.name in the static manifest. */
    pod: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const namespace = ctx.scope.namespace;
    const nodes = (
      await ctx.cluster.list<KubeObject>({ apiVersion: 'v1', kind: 'Node' }, ctx.signal)
    )
      .map((n) => n.metadata.name ?? '')
      .sort();
    const names = new Set(nodes.map((node) => mirrorPodName(params.pod, node)));
    const expected = `a mirror pod ${[...names].join(' or ')} in namespace ${namespace}, Running and Ready, annotated ${MIRROR_ANNOTATION}`;
    if (ctx.node !== undefined) {
      const manifests = await findStaticManifests(ctx.node, {
        name: params.pod,
        namespace,
        signal: ctx.signal,
      });
      const existing = await ctx.cluster.list<Pod>({ ...POD_REF, namespace }, ctx.signal);
      if (manifests.length === 0 && !existing.some((p) => names.has(p.metadata.name ?? ''))) {
        return {
          status: 'failed',
          message: `no file in ${STATIC_POD_DIR} on node ${ctx.node.nodeName} defines a Pod named ${params.pod} in namespace ${namespace}, and no such pod runs`,
          evidence: {
            expected,
            observed: `${STATIC_POD_DIR}: ${(await ctx.node.list(STATIC_POD_DIR, ctx.signal)).sort().join(', ') || 'empty'}`,
          },
        };
      }
    }
    const verdict = await waitVerdict<Pod, Pod>(
      ctx,
      { ...POD_REF, namespace },
      {
        description: `mirror pod of static pod ${params.pod} to be Running and Ready`,
        check(pods) {
          const pod = pods.find((p) => names.has(p.metadata.name ?? ''));
          if (pod === undefined)
            return { state: 'pending', errors: [`no pod named ${[...names].join(' or ')} yet`] };
          if (!isMirrorPod(pod)) {
            return {
              state: 'impossible',
              reason: `pod ${pod.metadata.name ?? ''} has no ${MIRROR_ANNOTATION} annotation: it was created through the API server, not by the kubelet from a static manifest`,
            };
          }
          if (isPodReady(pod)) return { state: 'met', value: pod };
          return { state: 'pending', errors: [describePod(pod)] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (verdict.met) {
      const owner = verdict.value.metadata.ownerReferences?.find((o) => o.kind === 'Node')?.name;
      return {
        status: 'passed',
        message: `mirror pod ${verdict.value.metadata.name ?? ''} is Running and Ready, started by the kubelet${owner ? ` of node ${owner}` : ''}`,
        evidence: { observed: describePod(verdict.value) },
      };
    }
    return {
      status: 'failed',
      message: verdict.impossible
        ? verdict.errors.join('; ')
        : `no Running mirror pod of ${params.pod}: ${verdict.errors.join('; ')}`,
      evidence: { expected, observed: verdict.errors.join('\n') },
    };
  },
});
