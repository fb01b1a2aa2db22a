import { expect } from 'chai';
import { didYouMean, suggest } from '../../../src/model/suggest.js';

describe('suggestions for mistyped names', () => {
  const labs = [
    'cluster-anatomy',
    'probes',
    'pv-pvc',
    'resources-oom',
    'statefulset',
    'storageclass',
  ];

  it('puts prefix matches first', () => {
    expect(suggest('probe', labs)).to.deep.equal(['probes']);
    expect(suggest('st', labs)).to.deep.equal(['statefulset', 'storageclass']);
  });

  it('finds names a small typo away', () => {
    expect(suggest('statfulset', labs)).to.deep.equal(['statefulset']);
    expect(suggest('pv-pcv', labs)).to.deep.equal(['pv-pvc']);
  });

  it('suggests nothing for a name far from every candidate', () => {
    expect(suggest('networking', labs)).to.deep.equal([]);
    expect(didYouMean('networking', labs)).to.equal('');
  });

  it('phrases one or several suggestions', () => {
    expect(didYouMean('probe', labs)).to.equal('; did you mean "probes"?');
    expect(didYouMean('st', labs)).to.equal('; did you mean "statefulset" or "storageclass"?');
  });
});
