import { expect } from 'chai';
import { compareResourceVersions } from '../../../src/cluster/watch/resource-version.js';

describe('compareResourceVersions', function () {
  it('orders decimal resourceVersions by length, then digit by digit (KEP-5504)', function () {
    expect(compareResourceVersions('999', '1000')).to.equal(-1);
    expect(compareResourceVersions('1000', '999')).to.equal(1);
    expect(compareResourceVersions('1234', '1243')).to.equal(-1);
    expect(compareResourceVersions('42', '42')).to.equal(0);
    expect(compareResourceVersions('18446744073709551616', '18446744073709551615')).to.equal(1);
  });

  it('refuses to order what is not a resourceVersion of that form', function () {
    for (const [a, b] of [
      ['', '1'],
      ['01', '1'],
      ['0', '1'],
      ['abc', '12'],
      ['12', '1.5'],
    ] as const)
      expect(compareResourceVersions(a, b), `${a} vs ${b}`).to.equal(undefined);
  });
});
