import { expect } from 'chai';
import { loadLab } from '../../../src/catalogue/load-lab.js';
import { labNamedObjects } from '../../../src/session/session-leftovers.js';

describe('the cluster-scoped objects a lab’s files create', () => {
  const cases = [
    ['pv-pvc', ['PersistentVolume/pv-demo']],
    ['storageclass', ['StorageClass/local-dynamic']],
    ['priority-preemption', ['PriorityClass/high-priority']],
    ['probes', []],
  ] as const;
  for (const [labId, expected] of cases) {
    it(`names ${expected.length === 0 ? 'nothing' : expected.join(', ')} for the shipped lab ${labId}`, async function () {
      this.timeout(60_000); // loading a lab imports every check kind
      const named = await labNamedObjects(await loadLab(labId));
      expect(named.map((n) => `${n.kind}/${n.name}`)).to.deep.equal(expected);
      for (const n of named) expect(n.apiVersion).to.be.a('string').and.not.equal('');
    });
  }
});
