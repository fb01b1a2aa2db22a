import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { POD_REF, describePod, isPodReady, type Pod } from './lib/pods/pod-state.js';
import {
  creationOrder,
  getStatefulSet,
  missingStatefulSet,
  ordinalOf,
} from './lib/workloads/statefulset.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/** Pods of a StatefulSet start one after the other (image, volume, readiness): 3 minutes for a few database pods. */
const DEFAULT_TIMEOUT_MS = 180_000;

export default defineCheck({
  kind: 'statefulset-pods-ordered',
  description:
    "A StatefulSet's pods <name>-0 … <name>-(n-1) are all Ready, and each was created only once the one before it was Ready (OrderedReady).",
  params: z.strictObject({
    name: z.string().min(1),
    /** Expected number of pods; default spec.replicas. */
    replicas: z.number().int().min(1).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const sts = await getStatefulSet(ctx, params.name);
    if (sts === undefined)
      return { status: 'failed', message: missingStatefulSet(ctx, params.name) };
    const replicas = params.replicas ?? sts.spec?.replicas ?? 1;
    const names = Array.from({ length: replicas }, (_, i) => `${params.name}-${i}`);
    const verdict = await waitVerdict<Pod, Pod[]>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace },
      {
        description: `pods ${names.join(', ')} to be Ready`,
        check(pods) {
          const mine = names.map((n) => pods.find((p) => p.metadata.name === n));
          const missing = names.filter((_, i) => mine[i] === undefined);
          const notReady = mine.filter((p): p is Pod => p !== undefined && !isPodReady(p));
          if (missing.length === 0 && notReady.length === 0)
            return { state: 'met', value: mine as Pod[] };
          return {
            state: 'pending',
            errors: [
              ...missing.map((n) => `pod ${n} does not exist`),
              ...notReady.map(describePod),
            ],
          };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!verdict.met) {
      return {
        status: 'failed',
        message: `the pods of StatefulSet ${params.name} are not all Ready: ${verdict.errors.join('; ')}`,
        evidence: { expected: `${names.join(', ')} Ready`, observed: verdict.errors.join('\n') },
      };
    }
    const pods = verdict.value
      .slice()
      .sort(
        (a, b) =>
          (ordinalOf(params.name, a.metadata.name ?? '') ?? 0) -
          (ordinalOf(params.name, b.metadata.name ?? '') ?? 0),
      );
    const order = creationOrder(pods);
    const policy = sts.spec?.podManagementPolicy ?? 'OrderedReady';
    const notes = order.notJudged.map((n) => `not judged from timestamps: ${n}`);
    if (order.violations.length > 0 || policy !== 'OrderedReady') {
      return {
        status: 'failed',
        message:
          `the pods of StatefulSet ${params.name} were not created one after the other (podManagementPolicy ${policy})` +
          (order.violations.length > 0 ? `: ${order.violations.join('; ')}` : '') +
          '. Leave podManagementPolicy at its default, OrderedReady',
        evidence: {
          expected: 'each pod created once the previous one is Ready',
          observed: order.violations.join('\n'),
          notes,
        },
      };
    }
    return {
      status: 'passed',
      message: `${names.join(', ')} are Ready and were created in order`,
      evidence: { notes },
    };
  },
});
