import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { podReady, podRef } from '../../../src/cluster/watch/conditions.js';
import { WaitTimeoutError } from '../../../src/cluster/errors.js';
import { realTimers } from '../../../src/cluster/watch/timers.js';
import { watchSource } from '../../../src/cluster/watch/wait.js';
import { runWait } from '../../../src/cluster/watch/wait-loop.js';
import { applyFixture, testCluster, withNamespace } from '../support/index.js';

describe('waiting on the real cluster', function () {
  this.timeout(120_000);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('wait');

  it('times out naming the condition, the last reason and the last observed pod', async function () {
    await applyFixture(cluster, 'test/fixtures/cluster/crashing-pod.yaml', ns.scope);
    const started = Date.now();
    const error = await cluster
      .waitFor(podRef(ns.name, 'crasher'), podReady('crasher'), { timeoutMs: 15_000 })
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).to.be.instanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(timeout.message).to.match(
      // At the deadline the container is backing off, has just exited, or is running its
      // next short attempt (never Ready: its readiness probe always fails).
      /^timed out after 15s waiting for pod crasher to be Ready: containers not ready: app( \((CrashLoopBackOff|Error|ContainerCreating)\))?$/,
    );
    expect(timeout.lastObserved).to.include('name: crasher');
    expect(timeout.lastObserved).to.not.include('managedFields');
    // It waited out its deadline (how much longer a loaded machine takes is not this test's business).
    expect(elapsed).to.be.at.least(15_000);
  });

  it('resolves as soon as the watch sees the condition met', async function () {
    const created = cluster.waitFor(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name },
      {
        description: 'configmap late to exist',
        check: (objects: readonly KubeObject[]) =>
          objects.some((o) => o.metadata.name === 'late')
            ? { state: 'met', value: true }
            : { state: 'pending', errors: ['configmap late not found'] },
      },
      { timeoutMs: 20_000 },
    );
    await cluster.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'late', namespace: ns.name },
    });
    expect(await created).to.equal(true);
  });

  it('relists when the API server answers 410 Gone to a watch from a too old resourceVersion', async function () {
    await cluster.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'present', namespace: ns.name },
    });
    const real = watchSource<KubeObject>(cluster.rest, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: ns.name,
    });
    let lists = 0;
    const source = {
      async list(signal: AbortSignal) {
        lists++;
        const list = await real.list(signal);
        // First list pretends to be ancient, so the watch from it gets 410 Gone.
        return lists === 1 ? { ...list, resourceVersion: '1' } : list;
      },
      watch: real.watch.bind(real),
    };
    const value = await runWait(
      source,
      {
        description: 'configmap relisted to exist',
        check: (objects: readonly KubeObject[]) =>
          lists >= 2 && objects.some((o) => o.metadata.name === 'present')
            ? { state: 'met', value: lists }
            : { state: 'pending', errors: [`lists so far: ${lists}`] },
      },
      { timeoutMs: 20_000, timers: realTimers },
    );
    expect(value).to.be.at.least(2);
  });

  it('waits for deletion of an object', async function () {
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'doomed' };
    const created = await cluster.create({
      ...ref,
      metadata: { name: 'doomed', namespace: ns.name },
    });
    const gone = cluster.waitForDeletion(ref, { timeoutMs: 20_000, uid: created.metadata.uid });
    await cluster.delete(ref);
    await gone;
    expect(await cluster.get(ref)).to.equal(undefined);
  });
});
