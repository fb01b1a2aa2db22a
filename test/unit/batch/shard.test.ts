import { expect } from 'chai';
import { inShard, parseShard, shardOf, ShardSpecError } from '../../../src/batch/schedule/shard.js';

describe('shards', function () {
  it('parses i/n and refuses what is not a slice', function () {
    expect(parseShard('2/4')).to.deep.equal({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1']) {
      expect(() => parseShard(bad), bad).to.throw(ShardSpecError, /i\/n/);
    }
  });

  it('puts every student in exactly one shard, the same on every run', function () {
    const students = Array.from({ length: 200 }, (_, i) => `student-${i}`);
    const count = 4;
    const sizes = new Map<number, number>();
    for (const id of students) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(id, { index, count }));
      expect(owners).to.have.length(1);
      expect(shardOf(id, count)).to.equal(owners[0]);
      sizes.set(owners[0] as number, (sizes.get(owners[0] as number) ?? 0) + 1);
    }
    for (const size of sizes.values()) expect(size).to.be.within(30, 70);
  });

  it('takes every student when there is no shard', function () {
    expect(inShard('anyone', undefined)).to.equal(true);
  });
});
