import { expect } from 'chai';
import { scopeFor } from '../../../src/model/scope.js';
import { sessionOwns } from '../../../src/session/session-ownership.js';
import { verifyScope } from '../../../src/runner/verify-scope.js';

const NS = 'kubelab-pv-pvc';

describe('which lab-named objects belong to the student’s own session', () => {
  it('owns an unlabelled volume the student applied with kubectl, Released from a claim of the lab’s namespace', () => {
    expect(
      sessionOwns({ label: 'persistentvolume/pv-demo', labels: undefined, claimNamespace: NS }, NS),
    ).to.deep.equal({ owned: true });
  });

  it('owns an unlabelled class nothing uses, and one used only inside the lab’s namespace', () => {
    const label = 'priorityclass/high-priority';
    expect(sessionOwns({ label, labels: {}, usedIn: [] }, NS)).to.deep.equal({ owned: true });
    expect(sessionOwns({ label, labels: {}, usedIn: [NS, NS] }, NS)).to.deep.equal({
      owned: true,
    });
  });

  it('leaves a volume bound to a claim of another namespace, and says which', () => {
    expect(
      sessionOwns(
        { label: 'persistentvolume/pv-demo', labels: undefined, claimNamespace: 'shop' },
        NS,
      ),
    ).to.deep.equal({
      owned: false,
      reason: `left persistentvolume/pv-demo: it is bound to a claim of namespace shop, not ${NS}`,
    });
  });

  it('leaves a class in use outside the lab’s namespace, naming those namespaces sorted', () => {
    expect(
      sessionOwns(
        { label: 'storageclass/local-dynamic', labels: {}, usedIn: ['zeta', NS, 'alpha', 'zeta'] },
        NS,
      ),
    ).to.deep.equal({
      owned: false,
      reason: `left storageclass/local-dynamic: it is in use in namespaces alpha, zeta, outside ${NS}`,
    });
  });

  it('leaves what a verify run or a graded student labelled', () => {
    const verdict = sessionOwns(
      { label: 'persistentvolume/x', labels: verifyScope('pv-pvc', 'r1').labels },
      NS,
    );
    expect(verdict).to.deep.equal({
      owned: false,
      reason: 'left persistentvolume/x: it belongs to a `kubelab verify` run (r1)',
    });
    expect(
      sessionOwns({ label: 'persistentvolume/y', labels: scopeFor('pv-pvc', 'alice').labels }, NS)
        .owned,
    ).to.equal(false);
  });
});
