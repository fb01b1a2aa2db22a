import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { POD_REF, isTerminating, podName, type Pod } from './lib/pods/pod-state.js';
import { limitRangerNote } from './lib/pods/limit-ranger.js';
import { qosClassOf, type PodSpecResources } from './lib/pods/qos.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { WorkloadKind, resolveTarget } from './lib/workloads/workload.js';

/** The API server sets status.qosClass when a pod is created: only the rollout's pods are awaited. */
const DEFAULT_TIMEOUT_MS = 60_000;

const QosClass = z.enum(['Guaranteed', 'Burstable', 'BestEffort']);

const WHY: Readonly<Record<z.infer<typeof QosClass>, string>> = {
  Guaranteed: 'every container has CPU and memory limits, and requests equal to them',
  Burstable:
    'at least one request or limit is set, but the pod is not Guaranteed (e.g. requests lower than limits)',
  BestEffort: 'no container sets any request or limit',
};

interface QosPod extends Pod {
  status?: Pod['status'] & { qosClass?: string };
}

export default defineCheck({
  kind: 'qos-class',
  description:
    'Every current pod of a workload has the QoS class (Guaranteed, Burstable, BestEffort) the exercise asks for, as the API server computed it from requests and limits.',
  params: z.strictObject({
    kind: WorkloadKind.default('Deployment'),
    name: z.string().min(1),
    qosClass: QosClass,
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const target = await resolveTarget(ctx, params);
    const expected = `pods of ${params.kind} ${params.name} in QoS class ${params.qosClass} (${WHY[params.qosClass]})`;
    if (target === undefined) {
      return {
        status: 'failed',
        message: `${params.kind} ${params.name} not found in namespace ${ctx.scope.namespace}`,
        evidence: { expected },
      };
    }
    const wanted = target.desired ?? 1;
    // Waits for a settled rollout: exactly the desired number of live pods, so an old ReplicaSet's
    // pods (with the old resources) are not judged.
    const verdict = await waitVerdict<QosPod, QosPod[]>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
      {
        description: `${wanted} current pod(s) of ${params.kind} ${params.name}`,
        check(pods) {
          const live = pods.filter((p) => !isTerminating(p));
          return live.length === wanted && wanted > 0
            ? { state: 'met', value: live }
            : { state: 'pending', errors: [`${live.length} live pod(s), ${wanted} desired`] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!verdict.met) {
      return {
        status: 'failed',
        message: `no settled set of pods for ${params.kind} ${params.name}: ${verdict.errors.join('; ')}`,
        evidence: { expected },
      };
    }
    // A namespace LimitRange (batch grading sets one) fills in the requests and limits a
    // container leaves out, which changes the class of its pods: those are judged by the class
    // their workload's template gives, what the student wrote.
    const written = qosClassOf(target.workload?.spec?.template?.spec as PodSpecResources);
    const effective = (p: QosPod): string =>
      limitRangerNote(p) === undefined ? (p.status?.qosClass ?? 'unknown') : written;
    const observed = verdict.value
      .map((p) => {
        const by = limitRangerNote(p);
        const live = p.status?.qosClass ?? 'unknown';
        return by === undefined
          ? `${podName(p)}: ${live}`
          : `${podName(p)}: ${live} as admitted (${by}); ${written} as its template is written`;
      })
      .join('\n');
    const wrong = verdict.value.find((p) => effective(p) !== params.qosClass);
    if (wrong === undefined)
      return {
        status: 'passed',
        message: `the pods of ${params.kind} ${params.name} are ${params.qosClass}`,
        evidence: { observed },
      };
    const why =
      limitRangerNote(wrong) === undefined
        ? ''
        : ` as its template is written (the namespace's LimitRange filled in the requests and limits it leaves out, so the API server shows ${wrong.status?.qosClass ?? 'unknown'})`;
    return {
      status: 'failed',
      message: `pod ${podName(wrong)} of ${params.kind} ${params.name} is ${effective(wrong)}${why}, expected ${params.qosClass}: ${params.qosClass} means ${WHY[params.qosClass]}`,
      evidence: { expected, observed },
    };
  },
});
