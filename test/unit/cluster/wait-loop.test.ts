import { expect } from 'chai';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import {
  AbortedError,
  ApiError,
  WaitImpossibleError,
  WaitTimeoutError,
} from '../../../src/cluster/errors.js';
import { runWait, type WaitSource, type WatchEvent } from '../../../src/cluster/watch/wait-loop.js';
import { FakeTimers, settle } from './fake-timers.js';

interface Pod extends KubeObject {
  status?: { phase?: string };
}

function pod(name: string, phase: string, resourceVersion = '1'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', resourceVersion },
    status: { phase },
  };
}

/** A scripted source: lists answer from `lists` in turn; each watch exposes its handlers. */
class FakeSource implements WaitSource<Pod> {
  lists: (Pod[] | Error)[] = [];
  listCalls = 0;
  watches: {
    resourceVersion: string;
    emit(event: WatchEvent<Pod>): void;
    close(error?: unknown): void;
    stopped: boolean;
  }[] = [];

  async list(): Promise<{ items: Pod[]; resourceVersion: string }> {
    const next = this.lists[Math.min(this.listCalls, this.lists.length - 1)];
    this.listCalls++;
    if (next instanceof Error) throw next;
    return { items: next ?? [], resourceVersion: `list-${this.listCalls}` };
  }

  async watch(
    resourceVersion: string,
    handlers: { onEvent(event: WatchEvent<Pod>): void; onClose(error?: unknown): void },
  ): Promise<() => void> {
    const entry = {
      resourceVersion,
      emit: handlers.onEvent,
      close: handlers.onClose,
      stopped: false,
    };
    this.watches.push(entry);
    return () => {
      entry.stopped = true;
    };
  }
}

const running: WaitCondition<Pod, string> = {
  description: 'pod web-0 to be Running',
  check(objects) {
    const web = objects.find((p) => p.metadata.name === 'web-0');
    if (web === undefined) return { state: 'pending', errors: ['pod web-0 not found'] };
    if (web.status?.phase === 'Running') return { state: 'met', value: 'ok' };
    if (web.status?.phase === 'Failed') return { state: 'impossible', reason: 'pod web-0 failed' };
    return { state: 'pending', errors: [`pod web-0 is ${web.status?.phase ?? 'unknown'}`] };
  },
};

describe('the list+watch wait loop', function () {
  it('resolves from the initial list without watching when the condition already holds', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Running')]];
    const value = await runWait(source, running, { timeoutMs: 1000, timers: new FakeTimers() });
    expect(value).to.equal('ok');
    expect(source.watches).to.have.length(0);
  });

  it('resolves on the watch event that meets the condition and stops the watch', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const timers = new FakeTimers();
    const wait = runWait(source, running, { timeoutMs: 60_000, timers });
    await settle();
    expect(source.watches[0]?.resourceVersion).to.equal('list-1');
    source.watches[0]?.emit({ type: 'MODIFIED', object: pod('web-0', 'Running', '7') });
    expect(await wait).to.equal('ok');
    expect(source.watches[0]?.stopped).to.equal(true);
  });

  it('times out with the last pending errors and the last observed object', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const timers = new FakeTimers();
    const wait = runWait(source, running, { timeoutMs: 60_000, timers }).catch((e: unknown) => e);
    await settle();
    source.watches[0]?.emit({ type: 'MODIFIED', object: pod('web-0', 'ContainerCreating', '8') });
    await timers.advance(60_000);
    const error = await wait;
    expect(error).to.be.instanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).message).to.equal(
      'timed out after 60s waiting for pod web-0 to be Running: pod web-0 is ContainerCreating',
    );
    expect((error as WaitTimeoutError).lastObserved).to.include('phase: ContainerCreating');
  });

  it('ends at once when the condition becomes impossible', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const wait = runWait(source, running, { timeoutMs: 60_000, timers: new FakeTimers() }).catch(
      (e: unknown) => e,
    );
    await settle();
    source.watches[0]?.emit({ type: 'MODIFIED', object: pod('web-0', 'Failed', '9') });
    const error = await wait;
    expect(error).to.be.instanceOf(WaitImpossibleError);
    expect((error as Error).message).to.equal(
      'gave up waiting for pod web-0 to be Running: pod web-0 failed',
    );
  });

  it('relists at once when the watch reports 410 Gone, and watches once from the new list', async function () {
    const source = new FakeSource();
    source.lists = [
      [pod('web-0', 'Pending')],
      [pod('web-0', 'Pending', '20')],
      [pod('web-0', 'Running', '30')],
    ];
    const timers = new FakeTimers();
    const wait = runWait(source, running, { timeoutMs: 60_000, timers });
    await settle();
    source.watches[0]?.emit({
      type: 'ERROR',
      object: {
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: 'too old resource version: 1 (5)',
      },
    });
    source.watches[0]?.close();
    await timers.advance(1000);
    expect(source.listCalls).to.equal(2);
    expect(source.watches).to.have.length(2);
    expect(source.watches[1]?.resourceVersion).to.equal('list-2');
    source.watches[1]?.emit({ type: 'MODIFIED', object: pod('web-0', 'Running', '21') });
    expect(await wait).to.equal('ok');
  });

  it('reconnects from the last resourceVersion with exponential backoff on transient errors', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const timers = new FakeTimers();
    const wait = runWait(source, running, { timeoutMs: 60_000, timers });
    await settle();
    source.watches[0]?.emit({ type: 'MODIFIED', object: pod('web-0', 'Pending', '42') });
    const unavailable = new ApiError(
      { code: 503, reason: 'ServiceUnavailable', message: 'try later' },
      { method: 'GET', path: '/' },
    );
    source.watches[0]?.close(unavailable);
    await timers.advance(250);
    expect(source.watches[1]?.resourceVersion).to.equal('42');
    source.watches[1]?.close(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await timers.advance(500);
    expect(source.watches).to.have.length(3);
    expect(timers.delays).to.include.members([250, 500]);
    source.watches[2]?.emit({ type: 'MODIFIED', object: pod('web-0', 'Running', '43') });
    expect(await wait).to.equal('ok');
    expect(source.listCalls).to.equal(1);
  });

  it('ends at once on a permanent error such as 403', async function () {
    const source = new FakeSource();
    const forbidden = new ApiError(
      { code: 403, reason: 'Forbidden', message: 'no' },
      { method: 'GET', path: '/api/v1/pods' },
    );
    source.lists = [forbidden];
    const error = await runWait(source, running, {
      timeoutMs: 60_000,
      timers: new FakeTimers(),
    }).catch((e: unknown) => e);
    expect(error).to.equal(forbidden);
  });

  it('retries a list that fails with 429 and succeeds later', async function () {
    const source = new FakeSource();
    const busy = new ApiError(
      { code: 429, reason: 'TooManyRequests', message: 'slow down' },
      { method: 'GET', path: '/' },
    );
    source.lists = [busy, [pod('web-0', 'Running')]];
    const timers = new FakeTimers();
    const wait = runWait(source, running, { timeoutMs: 60_000, timers });
    await timers.advance(250);
    expect(await wait).to.equal('ok');
  });

  it('forgets objects the watch reports deleted', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const timers = new FakeTimers();
    const gone: WaitCondition<Pod, true> = {
      description: 'pod web-0 to be deleted',
      check: (objects) =>
        objects.length === 0
          ? { state: 'met', value: true }
          : { state: 'pending', errors: ['still there'] },
    };
    const wait = runWait(source, gone, { timeoutMs: 60_000, timers });
    await settle();
    source.watches[0]?.emit({ type: 'DELETED', object: pod('web-0', 'Pending', '5') });
    expect(await wait).to.equal(true);
  });

  it('stops with AbortedError when the signal fires', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const controller = new AbortController();
    const wait = runWait(source, running, {
      timeoutMs: 60_000,
      timers: new FakeTimers(),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await settle();
    controller.abort();
    expect(await wait).to.be.instanceOf(AbortedError);
    expect(source.watches[0]?.stopped).to.equal(true);
  });

  it('reports the last pending error on progress', async function () {
    const source = new FakeSource();
    source.lists = [[pod('web-0', 'Pending')]];
    const seen: string[] = [];
    const timers = new FakeTimers();
    const wait = runWait(source, running, {
      timeoutMs: 1000,
      timers,
      onProgress: (s) => seen.push(s),
    }).catch(() => undefined);
    await settle();
    await timers.advance(1000);
    await wait;
    expect(seen).to.deep.equal(['pod web-0 is Pending']);
  });
});
