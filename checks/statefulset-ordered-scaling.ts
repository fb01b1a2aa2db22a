import { z } from 'zod';
import { type CheckContext, defineCheck } from '../src/check-api/index.js';
import { POD_REF, describePod, isPodReady, isTerminating, type Pod } from './lib/pods/pod-state.js';
import { PVC_REF, type PersistentVolumeClaim } from './lib/storage/storage.js';
import {
  STATEFULSET_REF,
  creationOrder,
  getStatefulSet,
  missingStatefulSet,
  ordinalOf,
  type StatefulSet,
} from './lib/workloads/statefulset.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { selectorString } from './lib/workloads/workload.js';
import { NoVerdictError } from './lib/no-verdict.js';

/** Scaling up one database pod (new claim, initialisation, readiness) and back down: 4 minutes. */
const DEFAULT_TIMEOUT_MS = 240_000;

export default defineCheck({
  kind: 'statefulset-ordered-scaling',
  description:
    'The grader scales a StatefulSet up and sees each new pod created only after the one before it is Ready, then scales back and sees the highest ordinals removed first while their claims are kept; it restores the replica count and removes the claims it caused.',
  params: z.strictObject({
    name: z.string().min(1),
    /** Replicas to scale to; default one more than now. */
    scaleTo: z.number().int().min(2).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const sts = await getStatefulSet(ctx, params.name);
    if (sts === undefined)
      return { status: 'failed', message: missingStatefulSet(ctx, params.name) };
    const original = sts.spec?.replicas ?? 1;
    const target = params.scaleTo ?? original + 1;
    if (target <= original)
      throw new NoVerdictError(
        `scaleTo (${target}) must be above the StatefulSet's replicas (${original})`,
      );
    const templates = (sts.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
    const selector = selectorString(sts.spec?.selector);
    const claimsBefore = new Set((await listClaims(ctx)).map((c) => c.metadata.name ?? ''));
    const ref = { ...STATEFULSET_REF, namespace: ctx.scope.namespace, name: params.name };
    const podName = (i: number): string => `${params.name}-${i}`;
    const budget = (): number => remainingBudget(ctx, startedAt) * 0.8;
    try {
      ctx.progress(`scaling StatefulSet ${params.name} from ${original} to ${target}`);
      await ctx.cluster.patch(ref, { spec: { replicas: target } }, ctx.signal);
      const outOfOrder: string[] = [];
      const seen = new Set<string>();
      const up = await waitVerdict<Pod, Pod[]>(
        ctx,
        { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: selector },
        {
          description: `pods ${podName(original)}…${podName(target - 1)} to be created in order and Ready`,
          check(pods) {
            const byName = new Map(
              pods.filter((p) => !isTerminating(p)).map((p) => [p.metadata.name ?? '', p]),
            );
            for (let i = original; i < target; i++) {
              const pod = byName.get(podName(i));
              if (pod === undefined || seen.has(podName(i))) continue;
              seen.add(podName(i));
              const previous = byName.get(podName(i - 1));
              if (previous === undefined || !isPodReady(previous)) {
                outOfOrder.push(
                  `${podName(i)} appeared while ${previous ? describePod(previous) : `${podName(i - 1)} did not exist`}`,
                );
              }
            }
            const errors = Array.from({ length: target }, (_, i) => byName.get(podName(i)))
              .map((p, i) =>
                p === undefined
                  ? `pod ${podName(i)} does not exist`
                  : isPodReady(p)
                    ? ''
                    : describePod(p),
              )
              .filter((e) => e !== '');
            return errors.length === 0
              ? {
                  state: 'met',
                  value: Array.from({ length: target }, (_, i) => byName.get(podName(i)) as Pod),
                }
              : { state: 'pending', errors };
          },
        },
        budget(),
      );
      if (!up.met) {
        return {
          status: 'failed',
          message: `after scaling ${params.name} to ${target}, the pods were not all Ready: ${up.errors.join('; ')}`,
          evidence: {
            expected: `${podName(0)}…${podName(target - 1)} Ready`,
            observed: up.errors.join('\n'),
          },
        };
      }
      outOfOrder.push(...creationOrder(up.value.slice(original - 1)).violations);
      if (outOfOrder.length > 0) {
        return {
          status: 'failed',
          message: `scaling up did not wait for each pod to be Ready before creating the next: ${[...new Set(outOfOrder)].join('; ')}`,
          evidence: {
            expected: 'podManagementPolicy OrderedReady (the default)',
            notes: [`podManagementPolicy ${sts.spec?.podManagementPolicy ?? 'OrderedReady'}`],
          },
        };
      }
      const kept = new Map(
        up.value.slice(0, original).map((p) => [p.metadata.name ?? '', p.metadata.uid]),
      );
      ctx.progress(`scaling StatefulSet ${params.name} back to ${original}`);
      await ctx.cluster.patch(ref, { spec: { replicas: original } }, ctx.signal);
      const removedOrder: string[] = [];
      const down = await waitVerdict<Pod, true>(
        ctx,
        { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: selector },
        {
          description: `pods ${podName(original)}…${podName(target - 1)} to be removed, highest ordinal first`,
          check(pods) {
            for (const pod of pods) {
              const name = pod.metadata.name ?? '';
              if (isTerminating(pod) && !removedOrder.includes(name)) removedOrder.push(name);
            }
            const present = new Set(pods.map((p) => p.metadata.name ?? ''));
            for (let i = target - 1; i >= original; i--) {
              if (!present.has(podName(i)) && !removedOrder.includes(podName(i)))
                removedOrder.push(podName(i));
            }
            const lingering = pods.filter(
              (p) => (ordinalOf(params.name, p.metadata.name ?? '') ?? 0) >= original,
            );
            const replaced = pods.filter(
              (p) =>
                kept.has(p.metadata.name ?? '') &&
                kept.get(p.metadata.name ?? '') !== p.metadata.uid,
            );
            if (replaced.length > 0)
              return {
                state: 'impossible',
                reason: `${replaced.map((p) => p.metadata.name ?? '?').join(', ')} were deleted too`,
              };
            return lingering.length === 0
              ? { state: 'met', value: true }
              : { state: 'pending', errors: lingering.map(describePod) };
          },
        },
        budget(),
      );
      if (!down.met) {
        return {
          status: 'failed',
          message: `after scaling back to ${original}, pods remain: ${down.errors.join('; ')}`,
        };
      }
      const expectedOrder = Array.from({ length: target - original }, (_, i) =>
        podName(target - 1 - i),
      );
      if (
        removedOrder.filter((n) => expectedOrder.includes(n)).join(',') !== expectedOrder.join(',')
      ) {
        return {
          status: 'failed',
          message: `scaling down removed ${removedOrder.join(', ')} in that order; expected the highest ordinal first (${expectedOrder.join(', ')})`,
        };
      }
      const claims = new Map((await listClaims(ctx)).map((c) => [c.metadata.name ?? '', c]));
      const lost: string[] = [];
      for (const t of templates) {
        for (let i = original; i < target; i++) {
          const claim = claims.get(`${t}-${podName(i)}`);
          const doomed =
            claim === undefined ||
            claim.metadata.deletionTimestamp !== undefined ||
            (claim.metadata.ownerReferences ?? []).some((o) => o.kind === 'Pod');
          if (doomed) lost.push(`${t}-${podName(i)}`);
        }
      }
      if (lost.length > 0) {
        return {
          status: 'failed',
          message:
            `scaling down deleted (or marked for deletion) the claims ${lost.join(', ')}: a StatefulSet keeps a removed pod's claim so that scaling up again finds its data; ` +
            `persistentVolumeClaimRetentionPolicy.whenScaled is ${sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain'}, expected Retain`,
          evidence: { expected: 'claims retained after scale down' },
        };
      }
      return {
        status: 'passed',
        message: `scaled to ${target}: ${expectedOrder.slice().reverse().join(', ')} created after the previous pod was Ready; scaled back to ${original}: ${expectedOrder.join(', ')} removed, claims kept`,
        evidence: {
          notes: [`scale up and down took ${((Date.now() - startedAt) / 1000).toFixed(1)}s`],
        },
      };
    } finally {
      await restore(
        ctx,
        ref,
        original,
        claimsBefore,
        templates.map((t) => `${t}-${params.name}-`),
      );
    }
  },
});

function listClaims(ctx: CheckContext): Promise<PersistentVolumeClaim[]> {
  return ctx.cluster.list<PersistentVolumeClaim>(
    { ...PVC_REF, namespace: ctx.scope.namespace },
    ctx.signal,
  );
}

/** Replicas back to what they were; the claims the scale-up created are deleted (the student had none of them). */
async function restore(
  ctx: CheckContext,
  ref: { apiVersion: string; kind: string; namespace: string; name: string },
  replicas: number,
  claimsBefore: ReadonlySet<string>,
  prefixes: readonly string[],
): Promise<void> {
  const current = await ctx.cluster.get<StatefulSet>(ref).catch(() => undefined);
  if (current !== undefined && current.spec?.replicas !== replicas) {
    await ctx.cluster.patch(ref, { spec: { replicas } }).catch(() => undefined);
  }
  const claims = await ctx.cluster
    .list<PersistentVolumeClaim>({ ...PVC_REF, namespace: ctx.scope.namespace })
    .catch(() => []);
  for (const claim of claims) {
    const name = claim.metadata.name ?? '';
    if (!claimsBefore.has(name) && prefixes.some((p) => name.startsWith(p))) {
      await ctx.cluster
        .delete({ ...PVC_REF, namespace: ctx.scope.namespace, name })
        .catch(() => undefined);
    }
  }
}
