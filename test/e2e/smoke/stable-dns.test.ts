import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { WaitCondition } from '../../../src/cluster/cluster.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import {
  parseNslookup,
  parseResolvConf,
  searchCandidates,
} from '../../../checks/lib/network/dns-answer.js';
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
  execOk,
  pod,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

/** Service web's EndpointSlices (what CoreDNS answers from) to list web-0 as ready. */
const web0Served: WaitCondition<EndpointSlice, true> = {
  description: 'Service web to list web-0 as a ready endpoint',
  check(slices) {
    const endpoints = podEndpoints(slices);
    return endpoints.some((e) => e.pod === 'web-0' && e.ready)
      ? { state: 'met', value: true }
      : { state: 'pending', errors: [describeEndpoints(endpoints)] };
  },
};

describe('smoke: stable per-pod DNS', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-dns');

  it("resolves web-0.web from another pod to web-0's pod IP", async function () {
    await applyAll(cluster, ns.name, [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web' },
        spec: {
          serviceName: 'web',
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              terminationGracePeriodSeconds: 0,
              containers: [busybox('app', ['sleep', '3600'])],
            },
          },
        },
      },
      pod({ name: 'client', spec: { containers: [busybox('client', ['sleep', '3600'])] } }),
    ]);
    const [web0] = (await Promise.all(
      ['web-0', 'client'].map((name) =>
        waitPod(cluster, { namespace: ns.name, name, condition: podReady(name) }),
      ),
    )) as SmokePod[];
    const ip = web0?.status?.podIP ?? '';
    expect(ip).to.match(/^\d+\.\d+\.\d+\.\d+$/);
    await cluster.waitFor(
      { ...ENDPOINT_SLICE_REF, namespace: ns.name, labelSelector: sliceSelector('web') },
      web0Served,
      { timeoutMs: POD_START_MS },
    );

    // busybox nslookup applies no search list to a dotted name, so walk the client's own one.
    const target = { namespace: ns.name, pod: 'client' };
    const conf = parseResolvConf(
      await execOk(cluster, { ...target, command: ['cat', '/etc/resolv.conf'] }),
    );
    // With ndots:5 the pod's resolver tries `web-0.web.<namespace>.svc.cluster.local.` first.
    const [first] = searchCandidates('web-0.web', conf);
    expect(first).to.equal(`web-0.web.${ns.name}.svc.cluster.local.`);
    const answer = await execOk(cluster, { ...target, command: ['nslookup', first ?? ''] });
    expect(parseNslookup(answer), `nslookup ${first}:\n${answer}`).to.deep.equal([ip]);
  });
});
