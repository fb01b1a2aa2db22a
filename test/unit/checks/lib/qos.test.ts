import { expect } from 'chai';
import { qosClassOf } from '../../../../checks/lib/pods/qos.js';

const container = (resources?: {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}) => (resources === undefined ? {} : { resources });

describe('QoS class of a pod spec, as the API server computes it', () => {
  it('is BestEffort when no container sets a CPU or memory request or limit', () => {
    expect(qosClassOf({ containers: [container(), container({})] })).to.equal('BestEffort');
    expect(
      qosClassOf({ containers: [container({ limits: { 'ephemeral-storage': '1Gi' } })] }),
    ).to.equal('BestEffort');
  });

  it('is Guaranteed when every container has CPU and memory limits equal to its requests', () => {
    expect(
      qosClassOf({
        containers: [
          container({
            requests: { cpu: '100m', memory: '64Mi' },
            limits: { cpu: '0.1', memory: '67108864' },
          }),
        ],
      }),
    ).to.equal('Guaranteed');
  });

  it('counts a limit without a request as a request of the same size (Guaranteed)', () => {
    expect(
      qosClassOf({ containers: [container({ limits: { cpu: '200m', memory: '128Mi' } })] }),
    ).to.equal('Guaranteed');
  });

  it('is Burstable when requests are lower than limits, or only some resources are set', () => {
    expect(
      qosClassOf({
        containers: [
          container({
            requests: { cpu: '50m', memory: '64Mi' },
            limits: { cpu: '200m', memory: '64Mi' },
          }),
        ],
      }),
    ).to.equal('Burstable');
    expect(qosClassOf({ containers: [container({ requests: { memory: '64Mi' } })] })).to.equal(
      'Burstable',
    );
    expect(qosClassOf({ containers: [container({ limits: { memory: '64Mi' } })] })).to.equal(
      'Burstable',
    );
  });

  it('is Burstable when a Guaranteed container shares the pod with a BestEffort one (init containers count)', () => {
    const guaranteed = container({ limits: { cpu: '100m', memory: '64Mi' } });
    expect(qosClassOf({ containers: [guaranteed, container()] })).to.equal('Burstable');
    expect(qosClassOf({ initContainers: [container()], containers: [guaranteed] })).to.equal(
      'Burstable',
    );
  });

  it('lets pod-level resources alone decide when the spec sets them', () => {
    expect(
      qosClassOf({
        resources: { limits: { cpu: '1', memory: '1Gi' } },
        containers: [container({ requests: { cpu: '100m' } })],
      }),
    ).to.equal('Guaranteed');
  });
});
