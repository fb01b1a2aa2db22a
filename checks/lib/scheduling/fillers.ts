import { type CheckContext, formatBytes } from '../../../src/check-api/index.js';
import { ensureFillerClass } from './filler-class.js';
import { graderPodManifest } from '../grader/grader-pod.js';
import { freeNodeMemory } from '../node/node-memory.js';
import { POD_REF, describePod, podName, type Pod } from '../pods/pod-state.js';
import { waitVerdict } from '../wait.js';
import { NoVerdictError } from '../no-verdict.js';

/** Fillers the node is packed with: two, so one eviction is enough and the other stays. */
export const FILLERS = 2;

/**
 * The cluster-wide lock of every check that fills a node (CheckKind.exclusive); tests that fill
 * the node themselves take it too (its Lease: src/runner/check-lock.ts lockLeaseName).
 */
export const NODE_MEMORY_LOCK = 'node-memory';

/** Label carrying one run's id, so this run's grader pods are told from any other run's. */
export const RUN_LABEL = 'kubelab.dev/grader-run';

export function isScheduled(pod: Pod): boolean {
  return pod.spec?.nodeName !== undefined && pod.spec.nodeName !== '';
}

/**
 * Packs `node` with FILLERS low-priority pods so that less than half of `request` bytes of memory
 * stay unrequested: a pod asking for `request` then only fits by evicting a filler. Names of the
 * pods created are pushed to `created` as they are (the caller removes them in its finally).
 * Called again, it tops the node up with FILLERS more. Resolves with this call's fillers once
 * every one is bound to the node; throws when the node is already too full or a
 * filler cannot be scheduled (the cluster, not the student, is at fault).
 */
export async function fillNode(
  ctx: CheckContext,
  options: {
    node: string;
    request: number;
    run: string;
    created: string[];
    notes: string[];
    timeoutMs: number;
  },
): Promise<Set<string>> {
  const { node, request, run } = options;
  const memory = await freeNodeMemory(ctx, node);
  const fillerBytes = Math.floor((memory.free - request / 2) / FILLERS / 1024 / 1024) * 1024 * 1024;
  options.notes.push(
    `node ${node}: ${formatBytes(memory.allocatable)} allocatable, ${formatBytes(memory.requested)} requested; the pod requests ${formatBytes(request)}`,
  );
  if (fillerBytes < 1024 * 1024) {
    throw new NoVerdictError(
      `node ${node} has only ${formatBytes(memory.free)} of memory left unrequested, too little to test preemption with fillers; free some room and run the check again`,
    );
  }
  const priorityClassName = await ensureFillerClass(ctx);
  ctx.progress(
    `filling node ${node} with ${FILLERS} low-priority pods of ${formatBytes(fillerBytes)}`,
  );
  // This call's fillers (`created` may already hold an earlier fill's).
  const fillers = new Set<string>();
  for (let i = 0; i < FILLERS; i += 1) {
    const manifest = graderPodManifest(ctx, {
      prefix: 'kubelab-filler-',
      role: 'filler',
      memory: `${fillerBytes}`,
      cpu: '1m',
      labels: { [RUN_LABEL]: run },
      priorityClassName,
      nodeSelector: { 'kubernetes.io/hostname': node },
    });
    const filler = await ctx.cluster.create<Pod>(manifest, ctx.signal);
    options.created.push(podName(filler));
    fillers.add(podName(filler));
  }
  const running = await waitVerdict<Pod, true>(
    ctx,
    { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: `${RUN_LABEL}=${run}` },
    {
      description: `${FILLERS} filler pods to be scheduled on node ${node}`,
      check(pods) {
        const bound = pods.filter((p) => fillers.has(podName(p)) && isScheduled(p));
        return bound.length === FILLERS
          ? { state: 'met', value: true }
          : { state: 'pending', errors: pods.map(describePod) };
      },
    },
    options.timeoutMs,
  );
  if (!running.met)
    throw new NoVerdictError(
      `the grader's filler pods were not scheduled: ${running.errors.join('; ')}`,
    );
  return fillers;
}
