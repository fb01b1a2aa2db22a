import { expect } from 'chai';
import { concurrencyFor } from '../../../src/batch/schedule/concurrency.js';

const node = (memory: string, cpu: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n' },
  status: { allocatable: { memory, cpu } },
});

describe('default concurrency', function () {
  it('fits 1.5Gi per submission in allocatable memory, capped by CPU cores', function () {
    expect(concurrencyFor([node('16Gi', '8')])).to.equal(8);
    expect(concurrencyFor([node('16Gi', '2')])).to.equal(2);
    expect(concurrencyFor([node('4Gi', '8')])).to.equal(2);
  });

  it('is at least 1 on a tiny node or with no node read', function () {
    expect(concurrencyFor([node('1Gi', '1')])).to.equal(1);
    expect(concurrencyFor([])).to.equal(1);
  });
});
