import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { WaitCondition } from '../../../src/cluster/cluster.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { timeOf } from '../../../src/cluster/time.js';
import {
  ENDPOINT_SLICE_REF,
  describeEndpoints,
  podEndpoints,
  sliceSelector,
  type EndpointSlice,
} from '../../../checks/lib/network/endpoint-slices.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  containerStatus,
  execOk,
  pod,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

/** The Service's EndpointSlices to list pod `name` as ready (`true`) or as not ready or absent (`false`). */
function endpointReady(name: string, ready: boolean): WaitCondition<EndpointSlice, string> {
  return {
    description: `Service web to list pod ${name} as ${ready ? 'a ready endpoint' : 'not ready, or not at all'}`,
    check(slices) {
      const endpoints = podEndpoints(slices);
      const mine = endpoints.find((e) => e.pod === name);
      const met = ready ? mine?.ready === true : mine?.ready !== true;
      return met
        ? { state: 'met', value: describeEndpoints(endpoints) }
        : { state: 'pending', errors: [describeEndpoints(endpoints)] };
    },
  };
}

describe('smoke: a failing readiness probe', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-readiness');

  it("takes the pod out of its Service's EndpointSlice without restarting it, and back in once it passes", async function () {
    await applyAll(cluster, ns.name, [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
      pod({
        name: 'web',
        labels: { app: 'web' },
        spec: {
          containers: [
            {
              ...busybox('app', ['sh', '-c', 'touch /tmp/ready && exec sleep 3600']),
              readinessProbe: {
                exec: { command: ['cat', '/tmp/ready'] },
                periodSeconds: 1,
                failureThreshold: 1,
              },
            },
          ],
        },
      }),
    ]);
    const slices = {
      ...ENDPOINT_SLICE_REF,
      namespace: ns.name,
      labelSelector: sliceSelector('web'),
    };
    const first = (await waitPod(cluster, {
      namespace: ns.name,
      name: 'web',
      condition: podReady('web'),
    })) as SmokePod;
    await cluster.waitFor(slices, endpointReady('web', true), { timeoutMs: POD_START_MS });

    await execOk(cluster, { namespace: ns.name, pod: 'web', command: ['rm', '/tmp/ready'] });
    const out = await cluster.waitFor(slices, endpointReady('web', false), {
      timeoutMs: POD_START_MS,
    });
    expect(out).to.match(/^(no endpoints|web \S+ not ready)$/);
    const during = await cluster.get<SmokePod>({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: ns.name,
      name: 'web',
    });
    const app = during === undefined ? undefined : containerStatus(during, 'app');
    expect(app?.restartCount, 'restarts while unready').to.equal(0);
    expect(app?.ready).to.equal(false);
    expect(during?.status?.phase).to.equal('Running');
    const startedBefore = containerStatus(first, 'app')?.state?.running?.startedAt;
    expect(timeOf(app?.state?.running?.startedAt), 'the same container instance').to.equal(
      timeOf(startedBefore),
    );

    await execOk(cluster, { namespace: ns.name, pod: 'web', command: ['touch', '/tmp/ready'] });
    await cluster.waitFor(slices, endpointReady('web', true), { timeoutMs: POD_START_MS });
  });
});
