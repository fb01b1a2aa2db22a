import { z } from 'zod';
import { clusterName, defineCheck } from '../src/check-api/index.js';
import { waitForClaimBound } from './lib/storage/claim-wait.js';
import { volumeHeldElsewhere } from './lib/storage/leftover-volume.js';
import { remainingBudget } from './lib/wait.js';
import {
  PV_REF,
  PVC_REF,
  describeClaim,
  describeVolume,
  provisionedBy,
  type PersistentVolume,
} from './lib/storage/storage.js';

/** Binding is done by the PV controller within seconds; with a provisioner and WaitForFirstConsumer it follows the pod's scheduling. 60 s covers both. */
const DEFAULT_TIMEOUT_MS = 60_000;

export default defineCheck({
  kind: 'pvc-bound',
  description:
    'A PersistentVolumeClaim reaches phase Bound (waiting on the watch), and, when `volume` is given, is bound to that very PersistentVolume (static binding).',
  params: z.strictObject({
    claim: z.string().min(1),
    /** The PV the claim must be bound to, as the student named it (prefixed per student in batch grading). */
    volume: z.string().min(1).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const ns = ctx.scope.namespace;
    if (params.volume !== undefined) {
      // A volume still holding an earlier claim never binds again: say so now, not after the timeout.
      const claim = await ctx.cluster.get(
        { ...PVC_REF, namespace: ns, name: params.claim },
        ctx.signal,
      );
      const held = volumeHeldElsewhere({
        scope: ctx.scope,
        volume: await ctx.cluster.get<PersistentVolume>(
          { ...PV_REF, name: clusterName(ctx.scope, params.volume) },
          ctx.signal,
        ),
        claim: params.claim,
        claimUid: claim?.metadata.uid,
      });
      if (held !== undefined) return held;
    }
    const verdict = await waitForClaimBound(ctx, params.claim, remainingBudget(ctx, startedAt));
    if (!verdict.met) {
      const events = await ctx.cluster.events(ns, {
        kind: 'PersistentVolumeClaim',
        name: params.claim,
      });
      return {
        status: 'failed',
        message: `PersistentVolumeClaim ${params.claim} is not Bound: ${verdict.errors.join('; ')}`,
        evidence: {
          expected: `PersistentVolumeClaim ${params.claim} Bound${params.volume ? ` to ${clusterName(ctx.scope, params.volume)}` : ''}`,
          observed: verdict.errors.join('\n'),
          events: events.map((e) => `${e.type} ${e.reason} ${e.object}: ${e.message}`),
          notes: [
            'a claim stays Pending when no PV matches (size, access modes, storageClassName) or, with volumeBindingMode WaitForFirstConsumer, until a pod uses it',
          ],
        },
      };
    }
    const pvc = verdict.value;
    const boundTo = pvc.spec?.volumeName ?? '';
    if (params.volume === undefined) {
      return {
        status: 'passed',
        message: `PersistentVolumeClaim ${params.claim} is Bound to ${boundTo}`,
      };
    }
    const wanted = clusterName(ctx.scope, params.volume);
    const pv = await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: boundTo }, ctx.signal);
    const claimRef = pv?.spec?.claimRef;
    if (boundTo === wanted && claimRef?.namespace === ns && claimRef.name === params.claim) {
      return {
        status: 'passed',
        message: `PersistentVolumeClaim ${params.claim} is Bound to PersistentVolume ${wanted}`,
      };
    }
    const by = pv === undefined ? undefined : provisionedBy(pv);
    const why =
      by === undefined
        ? ''
        : `: that volume was created on the fly by ${by} for the default StorageClass, because the claim names no class. ` +
          `Set storageClassName: "" on the claim (and the PV) so that it binds to ${wanted}, or name it with spec.volumeName`;
    return {
      status: 'failed',
      message: `PersistentVolumeClaim ${params.claim} is Bound to ${boundTo || 'nothing'}, not to PersistentVolume ${wanted}${why}`,
      evidence: {
        expected: `PersistentVolumeClaim ${params.claim} Bound to PersistentVolume ${wanted}`,
        observed: [describeClaim(pvc), ...(pv ? [describeVolume(pv)] : [])].join('\n'),
      },
    };
  },
});
