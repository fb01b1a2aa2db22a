import { expect } from 'chai';
import { PassMarkError, parsePassMark, passMarkPoints } from '../../../src/cli/pass-mark.js';

describe('--pass-mark', function () {
  it('reads a number of points', function () {
    expect(parsePassMark('42')).to.deep.equal({ kind: 'points', points: 42 });
    expect(parsePassMark(' 42.5 ')).to.deep.equal({ kind: 'points', points: 42.5 });
  });

  it('reads a percentage of the maximum', function () {
    expect(parsePassMark('80%')).to.deep.equal({ kind: 'percent', percent: 80 });
    expect(parsePassMark('100%')).to.deep.equal({ kind: 'percent', percent: 100 });
  });

  it('refuses negative numbers, words, and percentages above 100', function () {
    for (const text of ['-1', 'eighty', '80 %', '101%', '', '%']) {
      expect(() => parsePassMark(text), text).to.throw(
        PassMarkError,
        /expected a number of points \(42\) or a percentage/,
      );
    }
  });

  it('converts a percentage to points, rounding up', function () {
    expect(passMarkPoints({ kind: 'percent', percent: 80 }, 100)).to.equal(80);
    expect(passMarkPoints({ kind: 'percent', percent: 50 }, 15)).to.equal(8);
    expect(passMarkPoints({ kind: 'percent', percent: 70 }, 10)).to.equal(7);
  });

  it('asks for full marks by default', function () {
    expect(passMarkPoints({ kind: 'full' }, 300)).to.equal(300);
  });
});
