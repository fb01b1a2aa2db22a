import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  type CheckContext,
  collectPodDiagnostics,
  defineCheck,
  formatBytes,
} from '../src/check-api/index.js';
import { FILLER_PRIORITY } from './lib/scheduling/filler-class.js';
import { NoVerdictError } from './lib/no-verdict.js';
import { NODE_MEMORY_LOCK, RUN_LABEL, fillNode, isScheduled } from './lib/scheduling/fillers.js';
import { openGraderNamespace } from './lib/grader/grader-namespace.js';
import { GRADER_LABEL, removeGraderPods } from './lib/grader/grader-pod.js';
import { asWritten, limitRangerNote } from './lib/pods/limit-ranger.js';
import { podMemoryRequest, type RequestingPod } from './lib/node/node-memory.js';
import { copyPod } from './lib/pods/pod-copy.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { waitForPreemptedEvent } from './lib/scheduling/preempted-event.js';
import { POD_REF, describePod, isTerminating, podName, type Pod } from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict, type WaitVerdict } from './lib/wait.js';

/**
 * Fillers start (seconds), the scheduler preempts one for the high-priority copy (one scheduling
 * cycle, then the victim's zero-second grace period) and binds the copy: ninety seconds.
 */
const DEFAULT_TIMEOUT_MS = 90_000;

/**
 * Fill-and-submit attempts before the check gives up without a verdict: on a shared cluster, pods
 * ending in other namespaces free memory between the fill and the copy's scheduling; three tries
 * ride out a busy minute (seen once in twelve parallel verify runs on the project cluster).
 */
const MAX_ATTEMPTS = 3;

/**
 * How long the student's pod may take to be running before the check starts: seconds, unless
 * another grader's fillers had the node full when it was applied, and they go once their check ends.
 */
const SCHEDULE_WAIT_MS = 45_000;

/** The scheduler records the Preempted event as it evicts; the event recorder sends it within seconds. */
const PREEMPTED_EVENT_MS = 15_000;

type PriorityPod = RequestingPod &
  Pod & {
    spec?: { priority?: number; priorityClassName?: string };
    status?: {
      nominatedNodeName?: string;
      conditions?: { type: string; status: string; reason?: string; message?: string }[];
    };
  };

function preempted(pod: PriorityPod): boolean {
  return (
    isTerminating(pod) ||
    (pod.status?.conditions ?? []).some(
      (c) =>
        c.type === 'DisruptionTarget' &&
        c.status === 'True' &&
        c.reason === 'PreemptionByScheduler',
    )
  );
}

export default defineCheck({
  kind: 'priority-preempts',
  description:
    'The grader fills the node’s free memory with low-priority filler pods, then submits a copy of the student’s high-priority pod: it must be scheduled by preempting a filler. When other pods freed memory meanwhile and the copy found room anyway, the grader fills again (three attempts at most). Fillers and the copy are removed afterwards. One such check at a time per cluster (the node-memory lock), so two graders never fill the node against each other. A pod whose manifest requests no memory fails at once: a request a namespace LimitRange filled in does not count.',
  params: z.strictObject({
    /** The student's pod that uses the PriorityClass. */
    pod: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  // Another grader's fillers would take the room this check measures (its fill then finds none,
  // or its copy evicts ours): checks that fill a node run one at a time on a cluster.
  exclusive: NODE_MEMORY_LOCK,
  async run(ctx, params) {
    const startedAt = Date.now();
    const namespace = ctx.scope.namespace;
    const original = await ctx.cluster.get<PriorityPod>(
      { ...POD_REF, namespace, name: params.pod },
      ctx.signal,
    );
    if (original === undefined)
      return { status: 'failed', message: `pod ${params.pod} not found in namespace ${namespace}` };
    const request = podMemoryRequest(original);
    // Judged as written: a namespace LimitRange (batch grading sets one) gives a pod that requests
    // no memory a default request, with which its copy would preempt; on the student's own cluster
    // the same manifest never does.
    if (podMemoryRequest(asWritten(original)) === 0) {
      const defaulted = limitRangerNote(original);
      return {
        status: 'failed',
        message: `pod ${params.pod} requests no memory${defaulted === undefined ? '' : ` as its manifest is written (the namespace's LimitRange filled in a ${formatBytes(request)} request)`}, so it fits on any node and never needs to preempt anyone: give it a memory request`,
        evidence: {
          expected: 'a memory request on the pod',
          ...(defaulted === undefined
            ? {}
            : { observed: `${defaulted} (kubernetes.io/limit-ranger)` }),
        },
      };
    }
    const priority = original.spec?.priority ?? 0;
    if (priority <= 0) {
      return {
        status: 'failed',
        message: `pod ${params.pod} has priority ${priority}, no higher than ordinary pods (0): on a full node it could not preempt any of them. Give it priorityClassName: high-priority`,
        evidence: {
          expected: 'a pod priority above 0, from its PriorityClass',
          observed: `spec.priority: ${priority}`,
        },
      };
    }
    // The pod may still be Pending: another grader's fillers had the node full when it was applied
    // (it preempts one of them, or waits for them to go now that this check holds the lock).
    const scheduleWaitMs = Math.min(SCHEDULE_WAIT_MS, remainingBudget(ctx, startedAt) / 2);
    const running = await waitForPod(ctx, {
      name: params.pod,
      runningOnly: true,
      timeoutMs: scheduleWaitMs,
    });
    if (!running.met) {
      return {
        status: 'failed',
        message: `pod ${params.pod} is not running on a node after ${Math.round(scheduleWaitMs / 1000)}s: ${running.errors.join('; ')}. kubectl describe pod ${params.pod} shows why (the FailedScheduling events)`,
        evidence: {
          expected: `pod ${params.pod} running on a node, to submit a copy of it there`,
          observed: running.errors.join('\n'),
        },
      };
    }
    // Copied as it runs: the pod as first read may have been waiting on a scheduling gate since lifted.
    const student = running.value;
    const node = student.spec?.nodeName ?? '';
    const run = randomBytes(4).toString('hex');
    const labels = { ...ctx.scope.labels, [RUN_LABEL]: run };
    const created: string[] = [];
    const copies: string[] = [];
    const notes: string[] = [];
    // Fillers live in a grader namespace: sized to the node's free memory, they would exceed the
    // student namespace's ResourceQuota in batch grading. The copy stays in the student's namespace.
    const grader = await openGraderNamespace(ctx);
    try {
      // Fillers: every one created, across attempts, and those other pods already evicted (an
      // attempt looks at the live ones only). The copy of each attempt is in `copies`.
      const fillers = new Set<string>();
      const spent = new Set<string>();
      let verdict: WaitVerdict<string> | undefined;
      let copyName = '';
      let copyUid = '';
      let submittedAt = 0;
      for (let attempt = 1; verdict === undefined; attempt += 1) {
        // Fill what is free now: pods of other namespaces that ended since the last attempt
        // left room, so each attempt tops the node up again.
        for (const filler of await fillNode(grader.ctx, {
          node,
          request,
          run,
          created,
          notes,
          timeoutMs: remainingBudget(ctx, startedAt) / 3,
        }))
          fillers.add(filler);
        ctx.progress(`submitting a copy of pod ${params.pod} (priority ${priority})`);
        const copy = await ctx.cluster.create<PriorityPod>(
          copyPod(student, {
            generateName: `${params.pod}-preemptor-`,
            labels: { ...labels, [GRADER_LABEL]: 'preemptor' },
            nodeSelector: { 'kubernetes.io/hostname': node },
          }),
          ctx.signal,
        );
        copyName = podName(copy);
        copyUid = copy.metadata.uid ?? '';
        copies.push(copyName);
        submittedAt = Date.now();
        const live = new Set([...fillers].filter((filler) => !spent.has(filler)));
        const outcome = await waitForPreemption(ctx, { run, copyName, fillers: live, startedAt });
        if (outcome === 'roomy') {
          notes.push(
            `attempt ${attempt}: the copy ${copyName} was scheduled without evicting a filler (memory was freed on ${node} after the fill)`,
          );
        } else if (!outcome.met) {
          verdict = outcome;
          break;
        } else {
          const event = await waitForPreemptedEvent(grader.ctx, {
            victims: outcome.value.split(', '),
            preemptor: { name: copyName, uid: copyUid },
            timeoutMs: Math.min(PREEMPTED_EVENT_MS, remainingBudget(ctx, startedAt)),
          });
          if (event !== undefined) {
            notes.push(
              `scheduled ${((Date.now() - submittedAt) / 1000).toFixed(1)}s after submission; preempted: ${outcome.value}`,
              event,
            );
            verdict = outcome;
            break;
          }
          // Fillers were evicted, but by other pods of a busy cluster, whose room the copy took.
          for (const victim of outcome.value.split(', ')) spent.add(victim);
          notes.push(
            `attempt ${attempt}: the copy ${copyName} was scheduled, but no Preempted event names it (${outcome.value} made room for other pods)`,
          );
        }
        // Not the student's doing: take the copy back and fill again.
        await removeGraderPods(ctx, [copyName]);
        await ctx.cluster.waitForDeletion(
          { ...POD_REF, namespace, name: copyName },
          { timeoutMs: 30_000, signal: ctx.signal, uid: copyUid },
        );
        if (attempt === MAX_ATTEMPTS)
          throw new NoVerdictError(
            `node ${node} did not stay full: ${MAX_ATTEMPTS} times, pods ending or preempting elsewhere freed memory after the grader filled it, and the copy of pod ${params.pod} was scheduled without preempting anyone; run the check again when the cluster is quieter`,
          );
      }
      if (!verdict.met) {
        const diagnostics = await collectPodDiagnostics(ctx, { podNames: copies });
        const fillerDiagnostics = await collectPodDiagnostics(grader.ctx, { podNames: created });
        return {
          status: 'failed',
          message: `${verdict.errors.join('; ')}: a pod whose PriorityClass has preemptionPolicy PreemptLowerPriority and a higher value than the fillers (${priority} > ${FILLER_PRIORITY}) should have evicted one`,
          evidence: {
            expected: `a copy of pod ${params.pod} scheduled on ${node} after the scheduler preempted a low-priority filler`,
            observed: verdict.errors.join('\n'),
            events: [...diagnostics.events, ...fillerDiagnostics.events],
            notes,
          },
        };
      }
      return {
        status: 'passed',
        message: `a copy of pod ${params.pod} (priority ${priority}) was scheduled on the full node by preempting filler ${verdict.value}`,
        evidence: { notes },
      };
    } finally {
      await removeGraderPods(ctx, copies);
      await removeGraderPods(grader.ctx, created);
      await Promise.allSettled(
        copies.map((name) =>
          ctx.cluster.waitForDeletion({ ...POD_REF, namespace, name }, { timeoutMs: 30_000 }),
        ),
      );
      await grader.close();
    }
  },
});

/**
 * Waits for the copy to be scheduled by preempting one of `fillers`. `roomy`: it was scheduled
 * without evicting anyone (the node was not full for it, through no fault of the student's).
 */
async function waitForPreemption(
  ctx: CheckContext,
  options: { run: string; copyName: string; fillers: ReadonlySet<string>; startedAt: number },
): Promise<WaitVerdict<string> | 'roomy'> {
  const { copyName, fillers } = options;
  let roomy = false;
  const verdict = await waitVerdict<PriorityPod, string>(
    ctx,
    // Every namespace: the copy is in the student's, the fillers in the grader's.
    { ...POD_REF, labelSelector: `${RUN_LABEL}=${options.run}` },
    {
      description: `pod ${copyName} to be scheduled by preempting a filler`,
      check(pods) {
        const current = pods.find((p) => podName(p) === copyName);
        const victims = pods.filter((p) => fillers.has(podName(p)) && preempted(p)).map(podName);
        const gone = [...fillers].filter((f) => !pods.some((p) => podName(p) === f));
        const evicted = [...victims, ...gone].sort();
        if (current !== undefined && isScheduled(current) && evicted.length > 0)
          return { state: 'met', value: evicted.join(', ') };
        const unschedulable = current?.status?.conditions?.find(
          (c) => c.type === 'PodScheduled' && c.status === 'False',
        );
        if (
          unschedulable?.message !== undefined &&
          /not eligible|preemptionPolicy/i.test(unschedulable.message) &&
          !current?.status?.nominatedNodeName
        ) {
          return {
            state: 'impossible',
            reason: `pod ${copyName} stays Pending and preempts no one: ${unschedulable.message}`,
          };
        }
        if (current !== undefined && isScheduled(current) && evicted.length === 0) {
          roomy = true;
          return {
            state: 'impossible',
            reason: `pod ${copyName} was scheduled without evicting a filler: the node was not full for it`,
          };
        }
        return {
          state: 'pending',
          errors: [
            current === undefined ? `${copyName} gone` : describePod(current),
            `fillers preempted: ${evicted.join(', ') || 'none'}`,
          ],
        };
      },
    },
    remainingBudget(ctx, options.startedAt),
  );
  return roomy && !verdict.met ? 'roomy' : verdict;
}
