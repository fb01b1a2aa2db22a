import { expect } from 'chai';
import { retryOnFault, type FaultRetryPolicy } from '../../../src/batch/faults/fault-retry.js';
import { FakeTimers, settle } from '../cluster/fake-timers.js';

const policy: FaultRetryPolicy = {
  attempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 4_000,
  recoveryMs: 20_000,
};

/** Results to hand out one per attempt: a string is a fault, a number a grade. */
function attempts(results: readonly (string | number)[]) {
  let index = 0;
  const made: number[] = [];
  return {
    made,
    attempt: async (n: number): Promise<string | number> => {
      made.push(n);
      const result = results[Math.min(index, results.length - 1)] as string | number;
      index += 1;
      return result;
    },
    faultOf: (result: string | number): string | undefined =>
      typeof result === 'string' ? result : undefined,
  };
}

/** A readiness probe that fails `downFor` times, then answers. */
function readyAfter(downFor: number) {
  let probes = 0;
  return {
    probes: () => probes,
    ready: async (): Promise<void> => {
      probes += 1;
      if (probes <= downFor) throw new Error('GET /readyz: connection refused');
    },
  };
}

describe('grading again after a cluster fault', function () {
  it('keeps a first result no fault touched, without probing the cluster', async function () {
    const timers = new FakeTimers();
    const run = attempts([70]);
    const probe = readyAfter(0);
    const out = await retryOnFault({
      ...run,
      ready: probe.ready,
      signal: new AbortController().signal,
      policy,
      timers,
    });
    expect(out).to.deep.equal({ result: 70, attempts: 1, fault: undefined });
    expect(probe.probes()).to.equal(0);
    expect(timers.delays).to.deep.equal([]);
  });

  it('waits for the API server with backoff, then grades again and keeps that grade', async function () {
    const timers = new FakeTimers();
    const run = attempts(['the cluster was unreachable', 100]);
    const probe = readyAfter(2);
    const retries: unknown[] = [];
    const pending = retryOnFault({
      ...run,
      ready: probe.ready,
      signal: new AbortController().signal,
      policy,
      timers,
      onRetry: (retry) => retries.push(retry),
    });
    await timers.advance(1_000 + 2_000 + 4_000);
    const out = await pending;
    expect(out).to.deep.equal({ result: 100, attempts: 2, fault: undefined });
    expect(timers.delays, 'probes after 1 s, 2 s, 4 s').to.deep.equal([1_000, 2_000, 4_000]);
    expect(probe.probes()).to.equal(3);
    expect(retries).to.deep.equal([{ attempt: 2, fault: 'the cluster was unreachable' }]);
  });

  it('gives up after the last attempt and says the fault is still there', async function () {
    const timers = new FakeTimers();
    const run = attempts(['503 ServiceUnavailable']);
    const pending = retryOnFault({
      ...run,
      ready: readyAfter(0).ready,
      signal: new AbortController().signal,
      policy,
      timers,
    });
    await timers.advance(10_000);
    const out = await pending;
    expect(run.made).to.deep.equal([1, 2, 3]);
    expect(out.attempts).to.equal(3);
    expect(out.fault).to.equal('503 ServiceUnavailable (on each of 3 attempts)');
  });

  it('gives up without another attempt when the API server stays down past recoveryMs', async function () {
    const timers = new FakeTimers();
    const run = attempts(['the cluster was unreachable', 100]);
    const pending = retryOnFault({
      ...run,
      ready: readyAfter(Number.POSITIVE_INFINITY).ready,
      signal: new AbortController().signal,
      policy,
      timers,
    });
    await timers.advance(60_000);
    const out = await pending;
    expect(run.made, 'no second attempt').to.deep.equal([1]);
    expect(out.fault).to.equal(
      'the cluster was unreachable; the API server was not ready again within 20s',
    );
    // 1 + 2 + 4 + 4 + 4 + 4 = 19 s of pauses: the next 4 s would pass the 20 s bound.
    expect(timers.delays).to.deep.equal([1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
  });

  it('starts no new attempt once the run is interrupted', async function () {
    const timers = new FakeTimers();
    const run = attempts(['the cluster was unreachable', 100]);
    const controller = new AbortController();
    const pending = retryOnFault({
      ...run,
      ready: readyAfter(Number.POSITIVE_INFINITY).ready,
      signal: controller.signal,
      policy,
      timers,
    });
    await settle();
    controller.abort();
    const out = await pending;
    expect(run.made).to.deep.equal([1]);
    expect(out.fault).to.match(/^the cluster was unreachable/);
  });
});
