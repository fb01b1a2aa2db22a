import { expect } from 'chai';
import { Mutex } from '../../../src/batch/mutex.js';
import { runPool } from '../../../src/batch/pool.js';

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

  it('runs node-level work one at a time under the mutex', async function () {
    const mutex = new Mutex();
    const gate = deferred();
    const order: string[] = [];
    const first = mutex.run(async () => {
      order.push('first start');
      await gate.promise;
      order.push('first end');
    });
    const second = mutex.run(async () => {
      order.push('second start');
    });
    await Promise.resolve();
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['first start', 'first end', 'second start']);
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
