import { expect } from 'chai';
import { formatBytes, parseQuantity, sameQuantity } from '../../../src/cluster/quantity.js';

describe('quantity', () => {
  it('reads millicores, decimal and binary suffixes and exponents as base units', () => {
    expect(parseQuantity('100m')).to.equal(0.1);
    expect(parseQuantity('1')).to.equal(1);
    expect(parseQuantity('64Mi')).to.equal(64 * 1024 * 1024);
    expect(parseQuantity('1G')).to.equal(1e9);
    expect(parseQuantity('1e3')).to.equal(1000);
    expect(parseQuantity('.5')).to.equal(0.5);
  });

  it('refuses text that is not a quantity', () => {
    expect(parseQuantity('64MB')).to.equal(undefined);
    expect(parseQuantity('lots')).to.equal(undefined);
    expect(parseQuantity(undefined)).to.equal(undefined);
  });

  it('compares quantities by value, as the API server does', () => {
    expect(sameQuantity('0.1', '100m')).to.equal(true);
    expect(sameQuantity('134217728', '128Mi')).to.equal(true);
    expect(sameQuantity('128M', '128Mi')).to.equal(false);
    expect(sameQuantity(undefined, '128Mi')).to.equal(false);
  });

  it('prints bytes in the largest binary unit that divides them', () => {
    expect(formatBytes(64 * 1024 * 1024)).to.equal('64Mi');
    expect(formatBytes(1536 * 1024)).to.equal('1536Ki');
    expect(formatBytes(1000)).to.equal('1000');
  });
});
