import { expect } from 'chai';
import type { CheckSpec } from '../../../src/model/lab.js';
import type { CheckResult } from '../../../src/model/result.js';
import { checkResult, labReport, report } from '../../../src/report/score.js';

const spec = (id: string, points: number): CheckSpec => ({
  id,
  title: `Check ${id}`,
  kind: 'object-matches',
  points,
  hint: `Hint ${id}`,
  params: {},
  visibility: 'visible',
  needs: [],
});

const lab = {
  id: 'probes',
  title: 'Probes',
  checks: [spec('a', 30), spec('b', 30), spec('c', 40)],
};
const header = {
  tool: 'kubelab 0.1.0',
  context: 'kubelab',
  server: 'https://127.0.0.1:6443',
  serverVersion: 'v1.34.2',
  startedAt: '2026-11-22T01:00:00.000Z',
};

function result(id: string, status: CheckResult['status']): CheckResult {
  const s = lab.checks.find((c) => c.id === id) ?? spec(id, 10);
  return checkResult({ spec: s, status, message: status, durationMs: 1 });
}

describe('scoring', () => {
  it('gives a passed check its points and attaches no hint', () => {
    const r = result('a', 'passed');
    expect([r.points, r.maxPoints, r.hint]).to.deep.equal([30, 30, undefined]);
  });

  it('gives failed, error and skipped checks 0 points and their hint', () => {
    for (const status of ['failed', 'error', 'skipped'] as const) {
      const r = result('a', status);
      expect([r.points, r.hint], status).to.deep.equal([0, 'Hint a']);
    }
  });

  it('re-derives points from the status, whatever the caller claimed', () => {
    const claimed: CheckResult = { ...result('a', 'error'), points: 30 };
    const lr = labReport({
      lab,
      namespace: 'ns',
      durationMs: 5,
      results: [claimed, result('b', 'passed'), result('c', 'passed')],
    });
    expect(lr.checks[0]?.points).to.equal(0);
    expect([lr.score, lr.maxScore, lr.status]).to.deep.equal([70, 100, 'failed']);
  });

  it('passes a lab only when it scores its maximum', () => {
    const lr = labReport({
      lab,
      namespace: 'ns',
      durationMs: 5,
      results: lab.checks.map((c) => result(c.id, 'passed')),
    });
    expect([lr.score, lr.status]).to.deep.equal([100, 'passed']);
  });

  it('puts checks in lab.yaml order and turns a missing result into a skipped check', () => {
    const lr = labReport({
      lab,
      namespace: 'ns',
      durationMs: 5,
      results: [result('c', 'passed'), result('a', 'passed'), result('zz', 'passed')],
    });
    expect(lr.checks.map((c) => [c.id, c.status, c.points])).to.deep.equal([
      ['a', 'passed', 30],
      ['b', 'skipped', 0],
      ['c', 'passed', 40],
    ]);
    expect(lr.checks[1]?.message).to.equal('no result recorded for this check; it did not run');
    expect(lr.status).to.equal('failed');
  });

  it('marks a lab that could not run as error, every check skipped with the reason', () => {
    const lr = labReport({
      lab,
      namespace: 'ns',
      durationMs: 5,
      results: [],
      message: 'namespace creation refused',
    });
    expect([lr.status, lr.score, lr.message]).to.deep.equal([
      'error',
      0,
      'namespace creation refused',
    ]);
    expect(
      lr.checks.every((c) => c.status === 'skipped' && c.message === 'namespace creation refused'),
    ).to.equal(true);
  });

  it('sorts labs by id and compares the total with the pass mark', () => {
    const pass = (id: string) =>
      labReport({
        lab: { ...lab, id },
        namespace: id,
        durationMs: 1,
        results: lab.checks.map((c) => result(c.id, 'passed')),
      });
    const fail = (id: string) =>
      labReport({
        lab: { ...lab, id },
        namespace: id,
        durationMs: 1,
        results: [result('a', 'passed')],
      });
    const r = report({ header, labs: [pass('zeta'), fail('alpha')], passMark: 120 });
    expect(r.labs.map((l) => l.labId)).to.deep.equal(['alpha', 'zeta']);
    expect([r.score, r.maxScore, r.passMark, r.status]).to.deep.equal([130, 200, 120, 'passed']);
    expect(report({ header, labs: [pass('zeta'), fail('alpha')] }).status).to.equal('failed');
  });

  it('never passes a report with no labs, and says error when a lab could not run', () => {
    expect(report({ header, labs: [], passMark: 0 }).status).to.equal('failed');
    const broken = labReport({
      lab,
      namespace: 'ns',
      durationMs: 1,
      results: [],
      message: 'apply failed',
    });
    expect(report({ header, labs: [broken] }).status).to.equal('error');
  });
});
