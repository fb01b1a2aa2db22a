import { z } from 'zod';
import {
  type CheckContext,
  defineCheck,
  handBackToProvisioner,
  type KubeObject,
} from '../src/check-api/index.js';
import { waitForClaimBound } from './lib/storage/claim-wait.js';
import { POD_REF, byName } from './lib/pods/pod-state.js';
import { claimsOf, type PodWithVolumes } from './lib/pods/pod-volumes.js';
import { deleteAndWait, recreatable } from './lib/workloads/recreate.js';
import {
  PV_REF,
  describeVolume,
  provisionedBy,
  type PersistentVolume,
} from './lib/storage/storage.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { NoVerdictError } from './lib/no-verdict.js';

/** Deleting the pods, the claim, and the provisioner's clean-up of the volume (a helper pod): 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** Share of the budget kept to put the student's claim and pods back. */
const RESTORE_SHARE = 0.25;

export default defineCheck({
  kind: 'pvc-reclaim-deletes-volume',
  description:
    'The grader deletes the PersistentVolumeClaim (and the bare pods using it) and watches its dynamically provisioned PersistentVolume go away (reclaimPolicy Delete); then it puts the claim and pods back.',
  params: z.strictObject({ claim: z.string().min(1) }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const ns = ctx.scope.namespace;
    const bound = await waitForClaimBound(ctx, params.claim, remainingBudget(ctx, startedAt) / 3);
    const pvc = bound.met ? bound.value : undefined;
    const pvName = pvc?.spec?.volumeName;
    if (pvc === undefined || pvName === undefined) {
      return {
        status: 'failed',
        message: `PersistentVolumeClaim ${params.claim} is not Bound: there is no volume whose reclaim the grader could watch`,
        evidence: { expected: `${params.claim} Bound` },
      };
    }
    const pv = await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: pvName }, ctx.signal);
    if (pv === undefined)
      throw new NoVerdictError(
        `PersistentVolume ${pvName} (bound to ${params.claim}) is not readable; expected it to exist`,
      );
    const users = (
      await ctx.cluster.list<PodWithVolumes>({ ...POD_REF, namespace: ns }, ctx.signal)
    )
      .filter((p) => claimsOf(p).includes(params.claim))
      .sort(byName);
    const controlled = users.filter((p) =>
      (p.metadata.ownerReferences ?? []).some((o) => o.controller === true),
    );
    if (controlled.length > 0) {
      throw new NoVerdictError(
        `pods ${controlled.map((p) => p.metadata.name ?? '?').join(', ')} use ${params.claim} and belong to a controller that would recreate them; expected only bare pods to use the claim in this lab`,
      );
    }
    const saved: KubeObject[] = [recreatable(pvc), ...users.map((p) => recreatable(p))];
    const restoreReserve = ctx.timeoutMs * RESTORE_SHARE;
    const budget = (): number => Math.max(1, remainingBudget(ctx, startedAt) - restoreReserve);
    try {
      for (const pod of users) {
        ctx.progress(`deleting pod ${pod.metadata.name ?? '?'}, which uses ${params.claim}`);
        await deleteAndWait(ctx, pod, budget());
      }
      ctx.progress(`deleting PersistentVolumeClaim ${params.claim}`);
      if (!(await deleteAndWait(ctx, pvc, budget()))) {
        throw new NoVerdictError(
          `PersistentVolumeClaim ${params.claim} was still there after its pods were deleted; expected it to go (kubernetes.io/pvc-protection)`,
        );
      }
      ctx.progress(`waiting for PersistentVolume ${pvName} to be deleted`);
      // Gone: passed. Released and kept by reclaimPolicy Retain: it will never go, stop at once.
      const verdict = await waitVerdict<PersistentVolume, true>(
        ctx,
        { ...PV_REF, fieldSelector: `metadata.name=${pvName}` },
        {
          description: `PersistentVolume ${pvName} to be deleted with its claim`,
          check(volumes) {
            const left = volumes.find((v) => v.metadata.uid === pv.metadata.uid);
            if (left === undefined) return { state: 'met', value: true };
            if (
              left.spec?.persistentVolumeReclaimPolicy === 'Retain' &&
              left.status?.phase === 'Released'
            ) {
              return { state: 'met', value: true };
            }
            return { state: 'pending', errors: [describeVolume(left)] };
          },
        },
        budget(),
      );
      const gone =
        (await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: pvName }, ctx.signal)) ===
        undefined;
      if (verdict.met && gone) {
        return {
          status: 'passed',
          message: `PersistentVolume ${pvName} was deleted with its claim ${params.claim} (reclaimPolicy ${pv.spec?.persistentVolumeReclaimPolicy ?? '?'})`,
          evidence: {
            notes: [
              `volume gone ${((Date.now() - startedAt) / 1000).toFixed(1)}s after the grader started deleting`,
            ],
          },
        };
      }
      const left = await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: pvName }, ctx.signal);
      const policy = left?.spec?.persistentVolumeReclaimPolicy ?? '?';
      return {
        status: 'failed',
        message:
          `PersistentVolume ${pvName} is still there (${left?.status?.phase ?? '?'}, reclaimPolicy ${policy}) after its claim ${params.claim} was deleted: ` +
          (policy === 'Retain'
            ? 'the StorageClass keeps volumes (reclaimPolicy Retain); set reclaimPolicy: Delete'
            : 'the provisioner did not delete it'),
        evidence: {
          expected: `PersistentVolume ${pvName} deleted`,
          observed: left ? describeVolume(left) : 'gone',
        },
      };
    } finally {
      await restore(ctx, saved, pvName, params.claim);
    }
  },
});

/** Puts the claim and its pods back, and hands the volume the grader's deletion left Released back to its provisioner. */
async function restore(
  ctx: CheckContext,
  saved: readonly KubeObject[],
  pvName: string,
  claim: string,
): Promise<void> {
  ctx.progress(`putting ${claim} and its pods back`);
  for (const object of saved) {
    await ctx.cluster.create(object).catch(() => undefined);
  }
  const left = await ctx.cluster
    .get<PersistentVolume>({ ...PV_REF, name: pvName })
    .catch(() => undefined);
  if (
    left !== undefined &&
    provisionedBy(left) !== undefined &&
    left.status?.phase === 'Released'
  ) {
    // Through its provisioner, so the node directory goes with it (a plain delete would leave it).
    await handBackToProvisioner(ctx.cluster, pvName).catch(() => undefined);
  }
}
