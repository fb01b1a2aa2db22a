import { expect } from 'chai';
import { z } from 'zod';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { defineCheck, type CheckContext } from '../../../src/check-api/check-kind.js';
import { CheckSpec, type Lab } from '../../../src/model/lab.js';
import type { CheckOutcome } from '../../../src/model/result.js';
import { scopeFor } from '../../../src/model/scope.js';
import { runCheck } from '../../../src/runner/run-check.js';

const cluster = { context: 'test', server: 'https://127.0.0.1:6443' } as unknown as Cluster;
const lab = { id: 'demo', timeouts: {} } as unknown as Lab;

function kindRunning(run: (ctx: CheckContext) => Promise<CheckOutcome>) {
  return defineCheck({
    kind: 'demo',
    description: 'Demo.',
    params: z.object({}),
    defaultTimeoutMs: 5_000,
    run,
  });
}

function options(run: (ctx: CheckContext) => Promise<CheckOutcome>, spec: Partial<CheckSpec> = {}) {
  const diagnosed: string[] = [];
  let clock = 0;
  return {
    diagnosed,
    options: {
      spec: CheckSpec.parse({
        id: 'c1',
        title: 'Check one',
        kind: 'demo',
        points: 40,
        hint: 'Read the README.',
        ...spec,
      }),
      kind: kindRunning(run),
      lab,
      scope: scopeFor('demo'),
      cluster,
      node: undefined,
      submissionDir: '/tmp',
      signal: new AbortController().signal,
      earlier: new Map(),
      diagnose: (_ctx: CheckContext, target: object) => {
        diagnosed.push(JSON.stringify(target));
        return Promise.resolve({
          events: ['Warning BackOff pod/web-1: Back-off restarting failed container'],
          logs: [],
        });
      },
      now: () => (clock += 250),
    },
  };
}

describe('runCheck', () => {
  it('scores a passed check with its points and no hint', async () => {
    const { options: o } = options(() => Promise.resolve({ status: 'passed', message: 'fine' }));
    const result = await runCheck(o);
    expect(result).to.include({
      id: 'c1',
      status: 'passed',
      points: 40,
      maxPoints: 40,
      message: 'fine',
    });
    expect(result.hint).to.equal(undefined);
    expect(result.durationMs).to.equal(250);
  });

  it('shows the check’s own hint instead of the lab’s when the check knows the cause', async () => {
    const { options: o } = options(() =>
      Promise.resolve({
        status: 'failed',
        message: 'pv-demo holds an earlier claim',
        hint: 'Run kubelab reset demo.',
      }),
    );
    const result = await runCheck(o);
    expect(result).to.include({ status: 'failed', points: 0, hint: 'Run kubelab reset demo.' });
  });

  it('gives a failed check 0 points, the hint, and diagnostics when it gave none', async () => {
    const { options: o, diagnosed } = options(() =>
      Promise.resolve({ status: 'failed', message: 'not ready' }),
    );
    const result = await runCheck(o);
    expect(result).to.include({ status: 'failed', points: 0, hint: 'Read the README.' });
    expect(result.evidence.events).to.deep.equal([
      'Warning BackOff pod/web-1: Back-off restarting failed container',
    ]);
    expect(diagnosed).to.have.length(1);
  });

  it('keeps the evidence of a failed check that gave its own events', async () => {
    const { options: o, diagnosed } = options(() =>
      Promise.resolve({
        status: 'failed',
        message: 'no',
        evidence: { events: ['Normal Pulled pod/x: pulled'] },
      }),
    );
    const result = await runCheck(o);
    expect(result.evidence.events).to.deep.equal(['Normal Pulled pod/x: pulled']);
    expect(diagnosed).to.have.length(0);
  });

  it('turns a throw into status error with the error’s message and the last observed objects', async () => {
    class WaitTimeoutError extends Error {
      override readonly name = 'WaitTimeoutError';
      readonly lastObserved = 'pod web-1: Pending';
    }
    const { options: o } = options(() =>
      Promise.reject(
        new WaitTimeoutError('timed out after 2s waiting for pod web-1 to be Ready: 0/1 Ready'),
      ),
    );
    const result = await runCheck(o);
    expect(result).to.include({
      status: 'error',
      points: 0,
      message: 'timed out after 2s waiting for pod web-1 to be Ready: 0/1 Ready',
    });
    expect(result.evidence.observed).to.equal('pod web-1: Pending');
    expect(result.hint).to.equal('Read the README.');
  });

  it('turns a synchronous throw into status error too', async () => {
    const { options: o } = options(() => {
      throw new TypeError('params.name is undefined');
    });
    const result = await runCheck(o);
    expect(result).to.include({ status: 'error', message: 'params.name is undefined' });
  });

  it('says the check timed out when it threw because its deadline aborted it', async () => {
    const run = (ctx: CheckContext) =>
      new Promise<CheckOutcome>((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new Error('watch closed')), {
          once: true,
        });
      });
    const { options: o } = options(run, { timeout: 0.02 } as Partial<CheckSpec>);
    const result = await runCheck(o);
    expect(result.status).to.equal('error');
    expect(result.message).to.equal('timed out after 0s: watch closed');
  });

  describe('a deadline moved for Kubernetes’ own delays', () => {
    /**
     * Runs a check with a 20 ms timeout that asks for `extendMs` more, then looks at its signal
     * once a timer of its own, set after the runner's deadline timer with the same delay, fires:
     * by then the unmoved deadline has aborted the signal.
     */
    async function afterOriginalDeadline(
      extendMs: number | undefined,
      spec: Partial<CheckSpec> = {},
    ): Promise<{ message: string; granted: number | undefined }> {
      let granted: number | undefined;
      const run = async (ctx: CheckContext): Promise<CheckOutcome> => {
        if (extendMs !== undefined) granted = ctx.extendDeadline(extendMs);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return {
          status: 'passed',
          message: `aborted ${String(ctx.signal.aborted)}, timeout ${ctx.timeoutMs} ms`,
        };
      };
      const { options: o } = options(run, { timeout: 0.02, ...spec } as Partial<CheckSpec>);
      const result = await runCheck(o);
      return { message: result.message, granted };
    }

    it('keeps the check running past its timeout and counts the extension in ctx.timeoutMs', async () => {
      expect(await afterOriginalDeadline(40_000)).to.deep.equal({
        message: 'aborted false, timeout 40020 ms',
        granted: 40_000,
      });
    });

    it('aborts the check at its timeout when nothing was asked (the negative control)', async () => {
      expect(await afterOriginalDeadline(undefined)).to.deep.equal({
        message: 'aborted true, timeout 20 ms',
        granted: undefined,
      });
    });

    it('grants at most the kubelet’s longest back-off and ten seconds', async () => {
      expect((await afterOriginalDeadline(3_600_000)).granted).to.equal(310_000);
    });
  });

  it('skips a check at once when the run is interrupted, even if the check ignores its signal', async () => {
    const controller = new AbortController();
    const { options: o } = options(() => new Promise<CheckOutcome>(() => controller.abort()));
    const result = await runCheck({ ...o, signal: controller.signal });
    expect(result).to.include({ status: 'skipped', points: 0, message: 'skipped: interrupted' });
  });

  it('skips a check whose needed check failed without running it', async () => {
    let ran = false;
    const { options: o } = options(
      () => {
        ran = true;
        return Promise.resolve({ status: 'passed', message: 'x' });
      },
      { needs: ['c0'] },
    );
    const earlier = new Map([['c0', { status: 'failed' } as never]]);
    const result = await runCheck({ ...o, earlier });
    expect(result).to.include({
      status: 'skipped',
      message: 'skipped: needs c0 which failed',
      points: 0,
    });
    expect(ran).to.equal(false);
  });
});
