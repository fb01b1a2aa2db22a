import { z } from 'zod';
import { clusterName, defineCheck } from '../src/check-api/index.js';
import { waitForClaimBound } from './lib/storage/claim-wait.js';
import { remainingBudget } from './lib/wait.js';
import {
  PV_REF,
  STORAGE_CLASS_REF,
  describeClaim,
  describeVolume,
  provisionedBy,
  type PersistentVolume,
  type StorageClass,
} from './lib/storage/storage.js';
import { NoVerdictError } from './lib/no-verdict.js';

/** Usually already Bound (a few GETs); when run alone, waits for the binding like pvc-bound. */
const DEFAULT_TIMEOUT_MS = 60_000;

export default defineCheck({
  kind: 'pvc-dynamically-provisioned',
  description:
    "A bound PersistentVolumeClaim names the StorageClass asked for, and its PersistentVolume was created for it by that class's provisioner (provisioned-by annotation, claimRef to the claim, name pvc-<claim uid>), not written by hand.",
  params: z.strictObject({
    claim: z.string().min(1),
    /** The class as the student named it (prefixed per student in batch grading). */
    storageClass: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const ns = ctx.scope.namespace;
    const className = clusterName(ctx.scope, params.storageClass);
    const bound = await waitForClaimBound(ctx, params.claim, remainingBudget(ctx, Date.now()));
    const pvc = bound.met ? bound.value : undefined;
    if (pvc?.spec?.volumeName === undefined) {
      return {
        status: 'failed',
        message: `PersistentVolumeClaim ${params.claim} is not Bound, so no volume was provisioned for it`,
        evidence: {
          expected: `${params.claim} Bound`,
          observed: bound.met ? describeClaim(bound.value) : bound.errors.join('\n'),
        },
      };
    }
    if (pvc.spec.storageClassName !== className) {
      return {
        status: 'failed',
        message: `PersistentVolumeClaim ${params.claim} names StorageClass ${JSON.stringify(pvc.spec.storageClassName ?? null)}, not ${className}`,
        evidence: { expected: `spec.storageClassName: ${className}`, observed: describeClaim(pvc) },
      };
    }
    const [pv, sc] = await Promise.all([
      ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: pvc.spec.volumeName }, ctx.signal),
      ctx.cluster.get<StorageClass>({ ...STORAGE_CLASS_REF, name: className }, ctx.signal),
    ]);
    if (pv === undefined) {
      throw new NoVerdictError(
        `PersistentVolumeClaim ${params.claim} is Bound to ${pvc.spec.volumeName}, which does not exist; expected the volume to be readable`,
      );
    }
    const problems: string[] = [];
    const by = provisionedBy(pv);
    if (sc?.provisioner !== undefined && by !== sc.provisioner) {
      problems.push(
        `its provisioned-by annotation is ${by ?? 'missing'}, expected ${sc.provisioner}`,
      );
    }
    const claimRef = pv.spec?.claimRef;
    if (
      claimRef?.uid !== pvc.metadata.uid ||
      claimRef?.namespace !== ns ||
      claimRef.name !== params.claim
    ) {
      problems.push(
        `its claimRef is ${claimRef?.namespace ?? '?'}/${claimRef?.name ?? '?'} (uid ${claimRef?.uid ?? '?'}), not this claim`,
      );
    }
    if (pv.metadata.name !== `pvc-${pvc.metadata.uid ?? ''}`) {
      problems.push(
        `its name ${pv.metadata.name ?? '?'} is not pvc-<claim uid>, the name a provisioner gives`,
      );
    }
    const byHand = (
      pv.metadata.managedFields as { operation?: string; manager?: string }[] | undefined
    )?.find(
      (f) =>
        f.operation === 'Apply' ||
        f.manager === 'kubectl-client-side-apply' ||
        f.manager === 'kubectl-create',
    );
    if (byHand !== undefined)
      problems.push(`it was applied by ${byHand.manager ?? 'a client'}, i.e. written by hand`);
    if (problems.length === 0) {
      return {
        status: 'passed',
        message: `PersistentVolume ${pv.metadata.name ?? '?'} was provisioned by ${by ?? '?'} for ${params.claim} through StorageClass ${className}`,
      };
    }
    return {
      status: 'failed',
      message: `PersistentVolume ${pv.metadata.name ?? '?'} was not provisioned by StorageClass ${className}: ${problems.join('; ')}. Remove the hand-written PV and let the class create it`,
      evidence: {
        expected: `a PV created by ${sc?.provisioner ?? 'the class provisioner'} for ${ns}/${params.claim}`,
        observed: describeVolume(pv),
      },
    };
  },
});
