import { expect } from 'chai';
import {
  describeEndpoints,
  podEndpoints,
  type EndpointSlice,
} from '../../../../checks/lib/network/endpoint-slices.js';

function slice(endpoints: EndpointSlice['endpoints']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 's' },
    endpoints,
  };
}

describe('endpoint-slices', () => {
  it('lists pod endpoints by pod name, sorted, with their readiness', () => {
    const endpoints = podEndpoints([
      slice([
        {
          addresses: ['10.0.0.2'],
          conditions: { ready: false },
          targetRef: { kind: 'Pod', name: 'web-b' },
        },
        {
          addresses: ['10.0.0.1'],
          conditions: { ready: true },
          targetRef: { kind: 'Pod', name: 'web-a' },
        },
        { addresses: ['10.0.0.9'], targetRef: { kind: 'Node', name: 'n' } },
      ]),
    ]);
    expect(describeEndpoints(endpoints)).to.equal('web-a 10.0.0.1 ready, web-b 10.0.0.2 not ready');
  });

  it('counts a missing ready condition as ready, as discovery.k8s.io/v1 says', () => {
    const [endpoint] = podEndpoints([
      slice([{ addresses: ['10.0.0.1'], targetRef: { kind: 'Pod', name: 'web-a' } }]),
    ]);
    expect(endpoint?.ready).to.equal(true);
  });

  it('says there are no endpoints when no slice lists a pod', () => {
    expect(describeEndpoints(podEndpoints([]))).to.equal('no endpoints');
  });
});
