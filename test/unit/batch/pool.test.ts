import { expect } from 'chai';
import { runPool } from '../../../src/batch/schedule/pool.js';

/** A promise resolved from outside, so tests decide when work finishes (no timers). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the grading pool', function () {
  it('never runs more than `concurrency` items at once and starts them in order', async function () {
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const done = runPool({
      items: [0, 1, 2, 3, 4],
      concurrency: 2,
      signal: new AbortController().signal,
      work: async (i) => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await gates[i]?.promise;
        running -= 1;
      },
    });
    for (const gate of gates) {
      await Promise.resolve();
      gate.resolve();
    }
    expect(await done).to.deep.equal({ started: 5 });
    expect(started).to.deep.equal([0, 1, 2, 3, 4]);
    expect(peak).to.equal(2);
  });

  it('starts nothing new once aborted and waits for the items already running', async function () {
    const controller = new AbortController();
    const gate = deferred();
    const finished: number[] = [];
    const done = runPool({
      items: [0, 1, 2, 3],
      concurrency: 2,
      signal: controller.signal,
      work: async (i) => {
        await gate.promise;
        finished.push(i);
      },
    });
    controller.abort();
    gate.resolve();
    expect(await done).to.deep.equal({ started: 2 });
    expect(finished.sort()).to.deep.equal([0, 1]);
  });

  it('runs items that share a key one at a time, starting the work behind a busy key meanwhile', async function () {
    const items = ['node-a', 'node-b', 'web-c', 'web-d', 'node-e'];
    const gates = new Map(items.map((item) => [item, deferred()]));
    const order: string[] = [];
    const done = runPool({
      items,
      concurrency: 2,
      signal: new AbortController().signal,
      exclusiveKey: (item) => (item.startsWith('node') ? 'node' : undefined),
      work: async (item) => {
        order.push(`start ${item}`);
        await gates.get(item)?.promise;
        order.push(`end ${item}`);
      },
    });
    const finish = async (item: string): Promise<void> => {
      gates.get(item)?.resolve();
      // One turn of the event loop: every promise the finished item settles has run.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    // node-b waits for node-a's key, so web-c takes the second lane at once.
    expect(order).to.deep.equal(['start node-a', 'start web-c']);
    await finish('web-c');
    expect(order.slice(2)).to.deep.equal(['end web-c', 'start web-d']);
    await finish('node-a');
    expect(order.slice(4)).to.deep.equal(['end node-a', 'start node-b']);
    await finish('web-d');
    await finish('node-b');
    expect(order.slice(6)).to.deep.equal(['end web-d', 'end node-b', 'start node-e']);
    await finish('node-e');
    expect(await done).to.deep.equal({ started: 5 });
  });

  it('resolves once aborted while keyed items still wait for their key', async function () {
    const controller = new AbortController();
    const gate = deferred();
    const done = runPool({
      items: ['node-a', 'node-b'],
      concurrency: 2,
      signal: controller.signal,
      exclusiveKey: () => 'node',
      work: async () => {
        await gate.promise;
      },
    });
    controller.abort();
    gate.resolve();
    expect(await done).to.deep.equal({ started: 1 });
  });
});

describe('the grading pool when an item fails', function () {
  it('starts nothing new, lets running items finish, then rethrows the first error', async function () {
    const gate = deferred();
    const finished: number[] = [];
    const done = runPool({
      items: [0, 1, 2, 3],
      concurrency: 2,
      signal: new AbortController().signal,
      work: async (i) => {
        if (i === 0) throw new Error('journal disk full');
        await gate.promise;
        finished.push(i);
      },
    });
    gate.resolve();
    const error = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('journal disk full');
    expect(finished).to.deep.equal([1]);
  });
});
