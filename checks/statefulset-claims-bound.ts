import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { PVC_REF, describeClaim, type PersistentVolumeClaim } from './lib/storage/storage.js';
import { getStatefulSet, missingStatefulSet } from './lib/workloads/statefulset.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/** Claims of a StatefulSet are bound as its pods are scheduled: 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;

export default defineCheck({
  kind: 'statefulset-claims-bound',
  description:
    'A StatefulSet has a volumeClaimTemplate of the given name, and the claims it made, <template>-<name>-<ordinal>, one per pod, are all Bound.',
  params: z.strictObject({
    name: z.string().min(1),
    template: z.string().min(1),
    replicas: z.number().int().min(1).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const sts = await getStatefulSet(ctx, params.name);
    if (sts === undefined)
      return { status: 'failed', message: missingStatefulSet(ctx, params.name) };
    const templates = (sts.spec?.volumeClaimTemplates ?? [])
      .map((t) => t.metadata?.name ?? '?')
      .sort();
    if (!templates.includes(params.template)) {
      return {
        status: 'failed',
        message:
          `StatefulSet ${params.name} has no volumeClaimTemplate named ${params.template} (it has: ${templates.join(', ') || 'none'}): ` +
          'without it the pods share no persistent storage of their own',
        evidence: { expected: `spec.volumeClaimTemplates[].metadata.name: ${params.template}` },
      };
    }
    const replicas = params.replicas ?? sts.spec?.replicas ?? 1;
    const claims = Array.from(
      { length: replicas },
      (_, i) => `${params.template}-${params.name}-${i}`,
    );
    const verdict = await waitVerdict<PersistentVolumeClaim, PersistentVolumeClaim[]>(
      ctx,
      { ...PVC_REF, namespace: ctx.scope.namespace },
      {
        description: `claims ${claims.join(', ')} to be Bound`,
        check(objects) {
          const found = claims.map((c) => objects.find((o) => o.metadata.name === c));
          const errors = claims.flatMap((c, i) => {
            const pvc = found[i];
            if (pvc === undefined) return [`PersistentVolumeClaim ${c} does not exist`];
            return pvc.status?.phase === 'Bound' ? [] : [describeClaim(pvc)];
          });
          return errors.length === 0
            ? { state: 'met', value: found as PersistentVolumeClaim[] }
            : { state: 'pending', errors };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!verdict.met) {
      return {
        status: 'failed',
        message: `the claims of StatefulSet ${params.name} are not all Bound: ${verdict.errors.join('; ')}`,
        evidence: { expected: `${claims.join(', ')} Bound`, observed: verdict.errors.join('\n') },
      };
    }
    return {
      status: 'passed',
      message: verdict.value
        .map((c) => `${c.metadata.name ?? '?'} Bound to ${c.spec?.volumeName ?? '?'}`)
        .join(', '),
    };
  },
});
