import { expect } from 'chai';
import { z } from 'zod';
import { defineCheck } from '../../../src/check-api/check-kind.js';
import { gateCheck } from '../../../src/runner/check-gate.js';

const kind = defineCheck({
  kind: 'demo',
  description: 'A demo kind.',
  params: z.strictObject({ name: z.string() }),
  defaultTimeoutMs: 1_000,
  run: () => Promise.resolve({ status: 'passed', message: 'ok' }),
});
const nodeKind = { ...kind, kind: 'node-demo', needsNodeAccess: true };

const base = {
  spec: { id: 'b', kind: 'demo', needs: [] as string[], params: { name: 'web' } },
  kind,
  earlier: new Map(),
  hasNodeAccess: false,
  context: 'minikube',
  interrupted: false,
};

describe('gateCheck', () => {
  it('opens for a known kind with valid params and passes on the parsed params', () => {
    const gate = gateCheck(base);
    expect(gate.open).to.equal(true);
    if (gate.open) expect(gate.params).to.deep.equal({ name: 'web' });
  });

  it('skips a check whose needed check failed, naming it', () => {
    const gate = gateCheck({
      ...base,
      spec: { ...base.spec, needs: ['a'] },
      earlier: new Map([['a', { status: 'failed' as const }]]),
    });
    expect(gate).to.deep.equal({
      open: false,
      status: 'skipped',
      message: 'skipped: needs a which failed',
    });
  });

  it('skips a check whose needed check errored or was skipped itself', () => {
    const errored = gateCheck({
      ...base,
      spec: { ...base.spec, needs: ['a'] },
      earlier: new Map([['a', { status: 'error' as const }]]),
    });
    expect(errored.open === false && errored.message).to.equal(
      'skipped: needs a which could not run',
    );
    const skipped = gateCheck({
      ...base,
      spec: { ...base.spec, needs: ['a'] },
      earlier: new Map([['a', { status: 'skipped' as const }]]),
    });
    expect(skipped.open === false && skipped.message).to.equal(
      'skipped: needs a which was skipped',
    );
  });

  it('runs a check whose needed checks passed', () => {
    expect(
      gateCheck({
        ...base,
        spec: { ...base.spec, needs: ['a'] },
        earlier: new Map([['a', { status: 'passed' as const }]]),
      }).open,
    ).to.equal(true);
  });

  it('skips every check once the run is interrupted', () => {
    expect(gateCheck({ ...base, interrupted: true })).to.deep.equal({
      open: false,
      status: 'skipped',
      message: 'skipped: interrupted',
    });
  });

  it('reports an unknown kind as an error naming the file it expected', () => {
    const gate = gateCheck({ ...base, kind: undefined, spec: { ...base.spec, kind: 'nope' } });
    expect(gate).to.deep.equal({
      open: false,
      status: 'error',
      message: 'unknown check kind "nope"; expected a file checks/nope.ts',
    });
  });

  it('reports invalid params with their path', () => {
    const gate = gateCheck({ ...base, spec: { ...base.spec, params: { name: 3 } } });
    expect(gate.open).to.equal(false);
    if (!gate.open) {
      expect(gate.status).to.equal('error');
      expect(gate.message).to.match(/^invalid params for demo: params\.name: /);
    }
  });

  it('reports missing node access with the adapter that was tried and what to do', () => {
    const gate = gateCheck({
      ...base,
      kind: nodeKind,
      spec: { ...base.spec, kind: 'node-demo' },
      nodeAccessProblem: 'tried minikube: `minikube` is not installed',
    });
    expect(gate.open).to.equal(false);
    if (!gate.open) {
      expect(gate.status).to.equal('error');
      expect(gate.message).to.contain(
        'context minikube: tried minikube: `minikube` is not installed',
      );
      expect(gate.message).to.contain('kubelab doctor');
    }
  });
});
