import { expect } from 'chai';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import { ForbiddenError } from '../../../src/cluster/errors.js';
import { matcherFor } from '../../../src/cluster/watch/selector-match.js';
import { SharedWatch } from '../../../src/cluster/watch/shared-watch.js';
import { sharedWaitSource } from '../../../src/cluster/watch/shared-wait-source.js';
import { runWait, type WaitSource, type WatchEvent } from '../../../src/cluster/watch/wait-loop.js';
import { FakeTimers, settle } from './fake-timers.js';

interface Pod extends KubeObject {
  status?: { phase?: string };
}

function pod(
  name: string,
  options: { rv: string; phase?: string; namespace?: string; app?: string; deleting?: boolean },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'ns',
      resourceVersion: options.rv,
      labels: { app: options.app ?? 'web' },
      ...(options.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    status: { phase: options.phase ?? 'Pending' },
  };
}

type Handlers = { onEvent(event: WatchEvent<Pod>): void; onClose(error?: unknown): void };

/** The API server side of a cluster-wide collection: scripted lists, watches that expose their handlers. */
class FakeCollection implements WaitSource<Pod> {
  listAnswers: ({ items: Pod[]; resourceVersion: string } | Error)[] = [];
  listCalls = 0;
  watches: { resourceVersion: string; handlers: Handlers; stopped: boolean }[] = [];

  async list(): Promise<{ items: Pod[]; resourceVersion: string }> {
    const answer = this.listAnswers[Math.min(this.listCalls, this.listAnswers.length - 1)];
    this.listCalls += 1;
    if (answer instanceof Error) throw answer;
    return answer ?? { items: [], resourceVersion: '1' };
  }

  async watch(resourceVersion: string, handlers: Handlers): Promise<() => void> {
    const entry = { resourceVersion, handlers, stopped: false };
    this.watches.push(entry);
    return () => {
      entry.stopped = true;
    };
  }

  get live(): { resourceVersion: string; handlers: Handlers; stopped: boolean } {
    const watch = this.watches.filter((w) => !w.stopped).at(-1);
    if (watch === undefined) throw new Error('no live watch');
    return watch;
  }
}

/** Pod `name` Running and not being deleted. */
function running(name: string): WaitCondition<Pod, string> {
  return {
    description: `pod ${name} to be Running`,
    check(objects) {
      const found = objects.find((o) => o.metadata.name === name);
      if (found?.status?.phase === 'Running' && found.metadata.deletionTimestamp === undefined)
        return { state: 'met', value: found.metadata.resourceVersion ?? '' };
      return { state: 'pending', errors: [`pod ${name}: ${found?.status?.phase ?? 'missing'}`] };
    },
  };
}

function setup(selector = 'app=web'): {
  timers: FakeTimers;
  stream: FakeCollection;
  direct: FakeCollection;
  shared: SharedWatch<Pod>;
  source: () => WaitSource<Pod>;
  modes: string[];
} {
  const timers = new FakeTimers();
  const stream = new FakeCollection();
  const direct = new FakeCollection();
  const shared = new SharedWatch<Pod>(stream, timers, 'pods');
  const modes: string[] = [];
  const matcher = matcherFor({
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: 'ns',
    labelSelector: selector,
  });
  if (matcher === undefined) throw new Error('selector not evaluable');
  const source = (): WaitSource<Pod> =>
    sharedWaitSource<Pod>({
      stream: shared,
      direct,
      matcher: async () => matcher({ namespaced: true }),
      onList: (mode) => modes.push(mode),
    });
  return { timers, stream, direct, shared, source, modes };
}

describe('shared watch', function () {
  it('meets a wait from the one shared stream: the wait lists once and opens no watch of its own', async function () {
    const { timers, stream, direct, source, modes } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [{ items: [pod('web-0', { rv: '105' })], resourceVersion: '110' }];
    const wait = runWait(source(), running('web-0'), { timeoutMs: 60_000, timers });
    await settle();
    expect(stream.watches.map((w) => w.resourceVersion)).to.deep.equal(['100']);
    stream.live.handlers.onEvent({
      type: 'MODIFIED',
      object: pod('web-0', { rv: '120', phase: 'Running' }),
    });
    expect(await wait).to.equal('120');
    expect(direct.watches).to.deep.equal([]);
    expect(modes).to.deep.equal(['shared']);
  });

  it('drops stream events at or before the wait’s own list, so a lagging stream cannot show a deleted pod as Running', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [
      {
        items: [pod('web-0', { rv: '130', phase: 'Running', deleting: true })],
        resourceVersion: '131',
      },
    ];
    let settled = false;
    const wait = runWait(source(), running('web-0'), { timeoutMs: 10_000, timers }).finally(() => {
      settled = true;
    });
    wait.catch(() => undefined);
    await settle();
    // The stream is behind: it delivers the Running state the list has already superseded.
    stream.live.handlers.onEvent({
      type: 'MODIFIED',
      object: pod('web-0', { rv: '125', phase: 'Running' }),
    });
    await settle();
    expect(settled).to.equal(false);
    stream.live.handlers.onEvent({
      type: 'ADDED',
      object: pod('web-0', { rv: '140', phase: 'Running' }),
    });
    expect(await wait).to.equal('140');
  });

  it('passes on changes the stream delivers between the wait’s subscription and its watch', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    let answerList: (value: { items: Pod[]; resourceVersion: string }) => void = () => undefined;
    direct.list = () => new Promise((resolve) => (answerList = resolve));
    const wait = runWait(source(), running('web-0'), { timeoutMs: 60_000, timers });
    await settle();
    // While the wait's list is in flight, the stream already carries the change.
    stream.live.handlers.onEvent({
      type: 'MODIFIED',
      object: pod('web-0', { rv: '121', phase: 'Running' }),
    });
    answerList({ items: [pod('web-0', { rv: '110' })], resourceVersion: '115' });
    expect(await wait).to.equal('121');
  });

  it('keeps other namespaces and other labels out, and removes a pod whose labels stop matching', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [
      { items: [pod('web-0', { rv: '105', phase: 'Running' })], resourceVersion: '110' },
    ];
    const seen: string[][] = [];
    const wait = runWait(
      source(),
      {
        description: 'no pod left',
        check(objects) {
          seen.push(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
          return objects.length === 0
            ? { state: 'met', value: 'empty' }
            : { state: 'pending', errors: ['pods left'] };
        },
      },
      { timeoutMs: 60_000, timers },
    );
    await settle();
    stream.live.handlers.onEvent({
      type: 'ADDED',
      object: pod('web-9', { rv: '111', namespace: 'other' }),
    });
    stream.live.handlers.onEvent({
      type: 'ADDED',
      object: pod('api-0', { rv: '112', app: 'api' }),
    });
    stream.live.handlers.onEvent({
      type: 'MODIFIED',
      object: pod('web-0', { rv: '113', app: 'gone' }),
    });
    expect(await wait).to.equal('empty');
    expect(seen).to.deep.equal([['ns/web-0'], []]);
  });

  it('serves many waits with one watch request for the whole collection', async function () {
    const { timers, stream, direct, source, shared } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [{ items: [], resourceVersion: '110' }];
    const waits = ['web-0', 'web-1', 'web-2'].map((name) =>
      runWait(source(), running(name), { timeoutMs: 60_000, timers }),
    );
    await settle();
    expect(shared.size).to.equal(3);
    for (const [i, name] of ['web-0', 'web-1', 'web-2'].entries())
      stream.live.handlers.onEvent({
        type: 'ADDED',
        object: pod(name, { rv: `${120 + i}`, phase: 'Running' }),
      });
    expect(await Promise.all(waits)).to.deep.equal(['120', '121', '122']);
    expect(stream.watches).to.have.length(1);
    expect(stream.listCalls).to.equal(1);
    expect(direct.watches).to.deep.equal([]);
    expect(shared.size, 'finished waits unsubscribe').to.equal(0);
  });

  it('resumes from the last resourceVersion when the server closes the stream, without disturbing the waits', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [{ items: [], resourceVersion: '110' }];
    const wait = runWait(source(), running('web-0'), { timeoutMs: 60_000, timers });
    await settle();
    stream.live.handlers.onEvent({ type: 'BOOKMARK', object: pod('', { rv: '150' }) });
    stream.live.handlers.onClose();
    await timers.advance(250);
    expect(stream.watches.map((w) => w.resourceVersion)).to.deep.equal(['100', '150']);
    stream.live.handlers.onEvent({
      type: 'ADDED',
      object: pod('web-0', { rv: '160', phase: 'Running' }),
    });
    expect(await wait).to.equal('160');
    expect(direct.listCalls, 'the wait did not relist').to.equal(1);
  });

  it('makes every wait list again when the stream expires (410 Gone) and has to start over', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [
      { items: [], resourceVersion: '100' },
      { items: [], resourceVersion: '500' },
    ];
    direct.listAnswers = [
      { items: [], resourceVersion: '110' },
      { items: [pod('web-0', { rv: '490', phase: 'Running' })], resourceVersion: '510' },
    ];
    const wait = runWait(source(), running('web-0'), { timeoutMs: 60_000, timers });
    await settle();
    stream.live.handlers.onEvent({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' },
    });
    await timers.advance(0);
    expect(await wait).to.equal('490');
    expect(stream.watches.map((w) => w.resourceVersion)).to.deep.equal(['100', '500']);
    expect(direct.listCalls).to.equal(2);
  });

  it('falls back to a watch of the wait’s own when the shared stream is forbidden', async function () {
    const { timers, stream, direct, source, modes } = setup();
    stream.listAnswers = [
      new ForbiddenError(
        {
          code: 403,
          reason: 'Forbidden',
          message: 'pods is forbidden: cannot list resource "pods" at the cluster scope',
        },
        { method: 'GET', path: '/api/v1/pods' },
      ),
    ];
    direct.listAnswers = [{ items: [], resourceVersion: '110' }];
    const wait = runWait(source(), running('web-0'), { timeoutMs: 60_000, timers });
    await settle();
    expect(direct.watches.map((w) => w.resourceVersion)).to.deep.equal(['110']);
    direct.live.handlers.onEvent({
      type: 'ADDED',
      object: pod('web-0', { rv: '120', phase: 'Running' }),
    });
    expect(await wait).to.equal('120');
    expect(modes).to.deep.equal(['direct']);
  });

  it('still times out with the last errors when the stream never brings what the wait needs', async function () {
    const { timers, stream, direct, source } = setup();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    direct.listAnswers = [{ items: [pod('web-0', { rv: '105' })], resourceVersion: '110' }];
    const wait = runWait(source(), running('web-0'), { timeoutMs: 5_000, timers });
    const failure = wait.then(
      () => undefined,
      (error: unknown) => error,
    );
    await settle();
    stream.live.handlers.onEvent({
      type: 'MODIFIED',
      object: pod('web-0', { rv: '120', phase: 'Failed' }),
    });
    await timers.advance(5_000);
    const error = (await failure) as Error & { errors?: readonly string[] };
    expect(error?.name).to.equal('WaitTimeoutError');
    expect(error.message).to.match(/pod web-0: Failed/);
  });
});

describe('shared watch fan-out', function () {
  it('still delivers a change to every other subscriber when one of them throws', async function () {
    const timers = new FakeTimers();
    const stream = new FakeCollection();
    stream.listAnswers = [{ items: [], resourceVersion: '100' }];
    const shared = new SharedWatch<Pod>(stream, timers, 'pods');
    await shared.whenReady();
    await settle();
    const seen: string[] = [];
    const resets: string[] = [];
    shared.subscribe({
      onEvent: () => {
        throw new Error('boom');
      },
      onReset: (error) => resets.push(error.message),
    });
    shared.subscribe({
      onEvent: (e) => seen.push(e.object.metadata.name ?? ''),
      onReset: () => undefined,
    });
    stream.live.handlers.onEvent({ type: 'ADDED', object: pod('web-0', { rv: '101' }) });
    expect(seen).to.deep.equal(['web-0']);
    expect(resets).to.have.length(1);
    expect(resets[0]).to.match(/a subscriber failed on a pods change: boom/);
    expect(shared.size).to.equal(1);
  });
});
