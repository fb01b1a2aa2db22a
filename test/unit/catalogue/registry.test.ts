import { expect } from 'chai';
import { z } from 'zod';
import { checkKindProblems, loadCheckKinds } from '../../../src/catalogue/registry.js';

const valid = {
  kind: 'demo',
  description: 'Demo.',
  params: z.object({}),
  defaultTimeoutMs: 1_000,
  run: () => Promise.resolve({ status: 'passed', message: 'ok' }),
};

describe('check kind registry', function () {
  it('accepts a kind with every required field, and an exclusive lock name', function () {
    expect(checkKindProblems(valid)).to.deep.equal([]);
    expect(checkKindProblems({ ...valid, exclusive: 'node-memory' })).to.deep.equal([]);
  });

  it('names each field a kind gets wrong', function () {
    expect(
      checkKindProblems({
        ...valid,
        kind: 'Demo Kind',
        defaultTimeoutMs: 0,
        exclusive: 'Node Memory',
      }),
    ).to.deep.equal([
      '`kind` must be a lowercase id like "workload-ready"',
      '`defaultTimeoutMs` must be a positive number of milliseconds',
      '`exclusive` must be a lowercase lock name like "node-memory" when present',
    ]);
  });

  it('makes the shipped preemption check, which fills a node, exclusive on the node-memory lock', async function () {
    const kinds = await loadCheckKinds();
    const exclusive = [...kinds.values()]
      .filter((k) => k.exclusive !== undefined)
      .map((k) => `${k.kind}: ${k.exclusive ?? ''}`);
    expect(exclusive).to.deep.equal(['priority-preempts: node-memory']);
  });
});
