import { expect } from 'chai';
import { volumeHeldElsewhere } from '../../../../checks/lib/storage/leftover-volume.js';
import type { PersistentVolume } from '../../../../checks/lib/storage/storage.js';
import { scopeFor } from '../../../../src/model/scope.js';

function volume(
  phase: string,
  claimRef?: { namespace?: string; name?: string; uid?: string },
): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv-demo' },
    spec: claimRef === undefined ? {} : { claimRef },
    status: { phase },
  };
}

const session = scopeFor('pv-pvc');
const claim = 'pvc-demo';

describe('a volume still held by another claim', () => {
  it('is a leftover of an earlier run when Released with the uid of a deleted claim: names kubelab reset', () => {
    const outcome = volumeHeldElsewhere({
      scope: session,
      volume: volume('Released', { namespace: 'kubelab-pv-pvc', name: claim, uid: 'old' }),
      claim,
      claimUid: 'new',
    });
    expect(outcome?.status).to.equal('failed');
    expect(outcome?.message).to.equal(
      'PersistentVolumeClaim pvc-demo cannot bind to PersistentVolume pv-demo: the volume is Released and it still holds the claim kubelab-pv-pvc/pvc-demo (uid old) of an earlier run, deleted since. Your files are not the cause: run `kubelab reset pv-pvc` (it deletes pv-demo and the namespace), then apply your files again',
    );
    expect(outcome?.hint).to.include('kubelab reset pv-pvc');
    expect(outcome?.hint).not.to.match(/StorageClass/i);
    expect(outcome?.evidence?.observed).to.equal(
      'PersistentVolume pv-demo: phase Released, claimRef kubelab-pv-pvc/pvc-demo (uid old)',
    );
  });

  it('names the claim of another namespace that holds it, and in batch grading says to delete it', () => {
    const outcome = volumeHeldElsewhere({
      scope: scopeFor('pv-pvc', 'alice'),
      volume: volume('Bound', { namespace: 'shop', name: 'data', uid: 'u1' }),
      claim,
      claimUid: undefined,
    });
    expect(outcome?.message).to.include('it is bound to another claim, shop/data (uid u1)');
    expect(outcome?.message).to.include('`kubectl delete pv pv-demo`');
  });

  it('is the manifest’s own pre-binding, not a leftover, when the claimRef to another claim has no uid', () => {
    const outcome = volumeHeldElsewhere({
      scope: scopeFor('pv-pvc', 'alice'),
      volume: volume('Available', { namespace: 'kubelab-pv-pvc-alice', name: 'pvc-data' }),
      claim,
      claimUid: 'new',
    });
    expect(outcome?.message).to.equal(
      'PersistentVolumeClaim pvc-demo cannot bind to PersistentVolume pv-demo: its spec.claimRef reserves it for kubelab-pv-pvc-alice/pvc-data, another claim. Name pvc-demo in claimRef (namespace kubelab-pv-pvc-alice), or leave claimRef out',
    );
    expect(outcome?.message).not.to.match(/earlier run|not the cause|delete/);
    expect(outcome?.hint).to.equal(undefined);
  });

  it('is no leftover when the volume is free, missing, pre-bound to this claim, or bound to it', () => {
    const mine = { namespace: 'kubelab-pv-pvc', name: claim };
    for (const [v, uid] of [
      [volume('Available'), 'new'],
      [undefined, 'new'],
      [volume('Available', mine), 'new'],
      [volume('Bound', { ...mine, uid: 'new' }), 'new'],
      [volume('Bound', { ...mine, uid: 'new' }), undefined],
    ] as const) {
      expect(volumeHeldElsewhere({ scope: session, volume: v, claim, claimUid: uid })).to.equal(
        undefined,
      );
    }
  });
});
