import { expect } from 'chai';
import {
  LIMIT_RANGER_ANNOTATION,
  asWritten,
  limitRangerDefaults,
} from '../../../../checks/lib/pods/limit-ranger.js';
import { podMemoryRequest, type RequestingPod } from '../../../../checks/lib/node/node-memory.js';

/** The batch LimitRange's defaults (src/batch/isolation/isolation.ts), as admission filled them in. */
const DEFAULTED = {
  requests: { cpu: '50m', memory: '32Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

function pod(annotation: string | undefined, resources = DEFAULTED): RequestingPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'important',
      ...(annotation === undefined
        ? {}
        : { annotations: { [LIMIT_RANGER_ANNOTATION]: annotation } }),
    },
    spec: {
      initContainers: [{ name: 'setup', resources: structuredClone(resources) }],
      containers: [{ name: 'app', resources: structuredClone(resources) }],
    },
  };
}

describe('limitRangerDefaults', function () {
  it('lists every field the LimitRanger annotation says it set, containers and init containers', function () {
    expect(
      limitRangerDefaults(
        'LimitRanger plugin set: cpu, memory request for container app; memory limit for init container setup',
      ),
    ).to.deep.equal([
      { list: 'containers', container: 'app', section: 'requests', resource: 'cpu' },
      { list: 'containers', container: 'app', section: 'requests', resource: 'memory' },
      { list: 'initContainers', container: 'setup', section: 'limits', resource: 'memory' },
    ]);
  });

  it('finds nothing in a missing or foreign annotation', function () {
    expect(limitRangerDefaults(undefined)).to.deep.equal([]);
    expect(limitRangerDefaults('set by hand: memory request for container app')).to.deep.equal([]);
  });
});

describe('asWritten', function () {
  it('gives a pod whose memory request LimitRanger filled in no memory request, as its manifest says', function () {
    const admitted = pod(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; cpu, memory request for init container setup; cpu, memory limit for init container setup',
    );
    expect(podMemoryRequest(admitted)).to.equal(32 * 2 ** 20);
    const written = asWritten(admitted);
    expect(podMemoryRequest(written)).to.equal(0);
    expect(written.spec?.containers?.[0]?.resources).to.deep.equal({ requests: {}, limits: {} });
    // The pod as read is left as it is.
    expect(podMemoryRequest(admitted)).to.equal(32 * 2 ** 20);
  });

  it('keeps the requests the student wrote when LimitRanger set only others (negative control)', function () {
    const written = asWritten(
      pod('LimitRanger plugin set: cpu request for container app; memory limit for container app', {
        requests: { cpu: '50m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      }),
    );
    expect(written.spec?.containers?.[0]?.resources).to.deep.equal({
      requests: { memory: '128Mi' },
      limits: { cpu: '500m' },
    });
    expect(podMemoryRequest(written)).to.equal(128 * 2 ** 20);
  });

  it('returns a pod without the annotation unchanged (no LimitRange, as on a student cluster)', function () {
    const plain = pod(undefined);
    expect(asWritten(plain)).to.equal(plain);
  });
});
