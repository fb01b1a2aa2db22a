import { expect } from 'chai';
import { probeErrors, type ProbedContainer } from '../../../../checks/lib/pods/probe-spec.js';

const base = 'spec.template.spec.containers[0]';

function container(extra: Partial<ProbedContainer>): ProbedContainer {
  return { name: 'web', ports: [{ name: 'http', containerPort: 80 }], ...extra };
}

describe('probe-spec', () => {
  it('accepts an httpGet probe on the asked path, by port number or port name, with timings in range', () => {
    const c = container({
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http' },
        periodSeconds: 3,
        failureThreshold: 2,
      },
    });
    const errors = probeErrors({
      container: c,
      type: 'liveness',
      base,
      expected: { path: '/healthz', port: 80, periodSeconds: { min: 1, max: 5 } },
    });
    expect(errors).to.deep.equal([]);
  });

  it('names a missing probe with the path it should check', () => {
    const errors = probeErrors({
      container: container({}),
      type: 'readiness',
      base,
      expected: { path: '/ready' },
    });
    expect(errors).to.deep.equal([
      {
        path: `${base}.readinessProbe`,
        message: 'missing: add an httpGet readiness probe on /ready',
      },
    ]);
  });

  it('says which method a probe uses instead of httpGet', () => {
    const c = container({ livenessProbe: { tcpSocket: { port: 80 } } });
    const [error] = probeErrors({
      container: c,
      type: 'liveness',
      base,
      expected: { path: '/healthz' },
    });
    expect(error?.path).to.equal(`${base}.livenessProbe.httpGet`);
    expect(error?.message).to.contain('tcpSocket');
  });

  it('reports a wrong path and a timing out of range, counting the API default when unset', () => {
    const c = container({ livenessProbe: { httpGet: { path: '/ready', port: 80 } } });
    const errors = probeErrors({
      container: c,
      type: 'liveness',
      base,
      expected: { path: '/healthz', periodSeconds: { min: 1, max: 5 } },
    });
    expect(errors.map((e) => e.path)).to.deep.equal([
      `${base}.livenessProbe.httpGet.path`,
      `${base}.livenessProbe.periodSeconds`,
    ]);
    expect(errors[1]?.message).to.equal('expected between 1 and 5, found 10 (the default)');
  });
});
