import type { CheckOutcome, Scope } from '../../../src/check-api/index.js';
import type { PersistentVolume } from './storage.js';

/**
 * When the volume a claim must bind to still holds another claim (a Released pv-demo whose claimRef
 * names the claim of an earlier run, or a volume bound to a claim elsewhere), the new claim can never
 * bind to it: the PV controller does not take a claimed volume back. Returns the failed outcome that
 * says so and names the command that clears it, or undefined when the volume is free or this
 * claim's own (same namespace, name and, when the claim exists, uid). A claimRef without a uid was
 * never bound: its manifest pre-binds it to another claim, and the outcome says to fix that.
 */
export function volumeHeldElsewhere(options: {
  readonly scope: Pick<Scope, 'labId' | 'namespace' | 'clusterPrefix'>;
  readonly volume: PersistentVolume | undefined;
  readonly claim: string;
  /** The uid of the claim as it exists now; undefined when it does not exist yet. */
  readonly claimUid: string | undefined;
}): CheckOutcome | undefined {
  const { scope, volume, claim } = options;
  const ref = volume?.spec?.claimRef;
  if (volume === undefined || ref === undefined) return undefined;
  const ours = ref.namespace === scope.namespace && ref.name === claim;
  if (
    ours &&
    (options.claimUid === undefined || ref.uid === undefined || ref.uid === options.claimUid)
  )
    return undefined;
  const name = volume.metadata.name ?? '?';
  const phase = volume.status?.phase ?? 'unknown';
  const held = `${ref.namespace ?? '?'}/${ref.name ?? '?'}${ref.uid === undefined ? '' : ` (uid ${ref.uid})`}`;
  if (ref.uid === undefined) {
    // No uid: the PV controller never bound it, so the claimRef is a pre-binding its manifest wrote.
    return {
      status: 'failed',
      message: `PersistentVolumeClaim ${claim} cannot bind to PersistentVolume ${name}: its spec.claimRef reserves it for ${held}, another claim. Name ${claim} in claimRef (namespace ${scope.namespace}), or leave claimRef out`,
      evidence: {
        expected: `PersistentVolume ${name} with no spec.claimRef, or one naming ${scope.namespace}/${claim}`,
        observed: `PersistentVolume ${name}: phase ${phase}, spec.claimRef ${held}`,
      },
    };
  }
  const cause = ours
    ? `it still holds the claim ${held} of an earlier run, deleted since`
    : `it is bound to another claim, ${held}`;
  const fix =
    scope.clusterPrefix === ''
      ? `run \`kubelab reset ${scope.labId}\` (it deletes ${name} and the namespace), then apply your files again`
      : `delete it (\`kubectl delete pv ${name}\`) and grade again`;
  return {
    status: 'failed',
    message: `PersistentVolumeClaim ${claim} cannot bind to PersistentVolume ${name}: the volume is ${phase} and ${cause}. Your files are not the cause: ${fix}`,
    evidence: {
      expected: `PersistentVolume ${name} Available, or bound to ${scope.namespace}/${claim}${options.claimUid === undefined ? '' : ` (uid ${options.claimUid})`}`,
      observed: `PersistentVolume ${name}: phase ${phase}, claimRef ${held}`,
    },
    hint: `A leftover from an earlier run holds ${name}: ${fix}.`,
  };
}
