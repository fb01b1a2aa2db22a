import { expect } from 'chai';
import { OrderedOutput } from '../../../src/cli/ordered-output.js';

describe('OrderedOutput', function () {
  it('writes results finished out of order in their planned order, each as soon as it is due', function () {
    const written: string[] = [];
    const output = new OrderedOutput((text) => written.push(text));
    output.finish(2, 'c');
    output.finish(1, 'b');
    expect(written).to.deep.equal([]);
    output.finish(0, 'a');
    expect(written).to.deep.equal(['a', 'b', 'c']);
    output.finish(4, 'e');
    expect(written).to.deep.equal(['a', 'b', 'c']);
    output.finish(3, 'd');
    expect(written).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });
});
