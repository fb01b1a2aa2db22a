import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import { podReady, podRef, type PodLike } from '../../../src/cluster/watch/conditions.js';
import { WaitTimeoutError } from '../../../src/cluster/errors.js';
import { WatchCache } from '../../../src/cluster/watch/watch-cache.js';
import { Impersonator } from '../../../src/batch/isolation/impersonate.js';
import { isolationObjects, studentIdentity } from '../../../src/batch/isolation/isolation.js';
import { TEST_CONTEXT, testCluster, withNamespace } from '../support/index.js';

function sleeper(name: string, options: { grace?: number } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'cache-e2e' } },
    spec: {
      terminationGracePeriodSeconds: options.grace ?? 0,
      containers: [
        { name: 'main', image: 'docker.io/library/busybox:1.35', command: ['sleep', '3600'] },
      ],
    },
  };
}

const POD_START_MS = 90_000;

/** Every pod with app=cache-e2e Ready, `count` of them. */
function allReady(count: number): WaitCondition<PodLike, number> {
  return {
    description: `${count} pods app=cache-e2e to be Ready`,
    check(objects) {
      const ready = objects.filter((pod) =>
        pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === count
        ? { state: 'met', value: ready.length }
        : { state: 'pending', errors: [`${ready.length}/${count} Ready`] };
    },
  };
}

describe('waits served by the shared watch cache on the real cluster', function () {
  this.timeout(180_000);
  let cluster: ClusterClient;
  let cache: WatchCache;
  let cached: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  beforeEach(function () {
    cached = cluster.withWaitSources((rest) => (cache = new WatchCache(rest)));
  });
  afterEach(function () {
    cache?.close();
  });
  const ns = withNamespace('watch-cache');

  it('meets concurrent waits on pods from one shared pod stream', async function () {
    const names = ['one', 'two', 'three'];
    const waits = [
      ...names.map((name) =>
        cached.waitFor(podRef(ns.name, name), podReady(name), { timeoutMs: POD_START_MS }),
      ),
      cached.waitFor(
        { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, labelSelector: 'app=cache-e2e' },
        allReady(3),
        { timeoutMs: POD_START_MS },
      ),
    ];
    for (const name of names)
      await cluster.create({
        ...sleeper(name),
        metadata: { ...sleeper(name).metadata, namespace: ns.name },
      });
    const [one, two, three, count] = await Promise.all(waits);
    expect([one, two, three].map((p) => (p as PodLike).metadata.name)).to.deep.equal(names);
    expect(count).to.equal(3);
    expect(cache.stats()).to.deep.equal({ streams: ['v1/Pod'], shared: 4, direct: 0 });
  });

  it('does not show a pod the API server is deleting as still Ready', async function () {
    const pod = sleeper('lingering', { grace: 10 });
    await cluster.create({ ...pod, metadata: { ...pod.metadata, namespace: ns.name } });
    await cached.waitFor(podRef(ns.name, 'lingering'), podReady('lingering'), {
      timeoutMs: POD_START_MS,
    });
    await cluster.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: 'lingering' });
    // sleep (PID 1) ignores SIGTERM, so the pod stays Ready and Terminating for its 10 s grace period.
    const error = await cached
      .waitFor<PodLike, PodLike>(
        podRef(ns.name, 'lingering'),
        {
          description: 'pod lingering to be Ready and not terminating',
          check(objects) {
            const found = objects.find((o) => o.metadata.name === 'lingering');
            const ready = found?.status?.conditions?.some(
              (c) => c.type === 'Ready' && c.status === 'True',
            );
            return found !== undefined &&
              ready === true &&
              found.metadata.deletionTimestamp === undefined
              ? { state: 'met', value: found }
              : {
                  state: 'pending',
                  errors: [`deletionTimestamp ${found?.metadata.deletionTimestamp ?? 'none'}`],
                };
          },
        },
        { timeoutMs: 3_000 },
      )
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WaitTimeoutError);
    expect((error as Error).message).to.match(/deletionTimestamp 20/);
    await cached.waitForDeletion(
      { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: 'lingering' },
      { timeoutMs: 60_000 },
    );
    expect(cache.stats().shared).to.equal(3);
  });

  it('falls back to a watch of its own for an identity that may not watch the whole cluster', async function () {
    const fences = await cluster.apply(isolationObjects(ns.scope), 'test', { namespace: ns.name });
    expect(fences.filter((r) => !r.ok)).to.deep.equal([]);
    const student = new Impersonator({ context: TEST_CONTEXT })
      .as(studentIdentity(ns.name))
      .withWaitSources((rest) => (cache = new WatchCache(rest)));
    const pod = sleeper('solo');
    await cluster.create({ ...pod, metadata: { ...pod.metadata, namespace: ns.name } });
    const ready = await student.waitFor(podRef(ns.name, 'solo'), podReady('solo'), {
      timeoutMs: POD_START_MS,
    });
    expect(ready.metadata.name).to.equal('solo');
    expect(cache.stats()).to.deep.include({ shared: 0, direct: 1 });
  });
});
