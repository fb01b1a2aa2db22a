import type { CheckContext } from '../../../src/check-api/index.js';
import { PVC_REF, describeClaim, type PersistentVolumeClaim } from './storage.js';
import { waitVerdict, type WaitVerdict } from '../wait.js';

/** Waits on the watch for claim `name` (lab namespace) to be Bound; the verdict carries the claim. */
export function waitForClaimBound(
  ctx: CheckContext,
  name: string,
  timeoutMs: number,
): Promise<WaitVerdict<PersistentVolumeClaim>> {
  return waitVerdict<PersistentVolumeClaim, PersistentVolumeClaim>(
    ctx,
    { ...PVC_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${name}` },
    {
      description: `PersistentVolumeClaim ${name} to be Bound`,
      check(claims) {
        const pvc = claims[0];
        if (pvc === undefined)
          return { state: 'pending', errors: [`PersistentVolumeClaim ${name} does not exist`] };
        if (pvc.status?.phase === 'Bound') return { state: 'met', value: pvc };
        if (pvc.status?.phase === 'Lost')
          return { state: 'impossible', reason: `${describeClaim(pvc)}: its volume is gone` };
        return { state: 'pending', errors: [describeClaim(pvc)] };
      },
    },
    timeoutMs,
  );
}
