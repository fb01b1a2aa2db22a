import { expect } from 'chai';
import type { CheckResult } from '../../../src/model/result.js';
import type { LabReport } from '../../../src/report/model.js';
import type { VerifyResult } from '../../../src/session/verify.js';
import { verifyReport } from '../../../src/session/verify-report.js';

const header = {
  tool: 'kubelab 0.1.0',
  context: 'kubelab',
  server: 'https://127.0.0.1:6443',
  serverVersion: 'v1.34.4',
  startedAt: '2026-01-01T00:00:00.000Z',
};
const check = (id: string, passed: boolean): CheckResult => ({
  id,
  title: id,
  kind: 'demo',
  status: passed ? 'passed' : 'failed',
  points: passed ? 50 : 0,
  maxPoints: 50,
  message: id,
  evidence: {},
  visibility: 'visible',
  durationMs: 10,
});
const phase = (...checks: CheckResult[]): LabReport => ({
  labId: 'x',
  title: 'X',
  namespace: 'kubelab-verify-x-abcde',
  status: 'failed',
  score: checks.reduce((s, c) => s + c.points, 0),
  maxScore: 100,
  checks,
  durationMs: 10,
});
const result = (labId: string, mismatches: string[]): VerifyResult => ({
  labId,
  ok: mismatches.length === 0,
  solution: phase(check('a', true), check('b', true)),
  starter: phase(check('a', false), check('b', true)),
  mismatches,
  durationMs: 20,
});

describe('verifyReport', () => {
  it('gives each lab, sorted by id, a "solution scores 100" and a "starter fails exactly …" testcase', () => {
    const report = verifyReport([result('zeta', []), result('alpha', [])], header);
    expect(report.labs.map((l) => l.labId)).to.deep.equal(['alpha', 'zeta']);
    expect(report.labs[0]?.checks.map((c) => [c.title, c.status])).to.deep.equal([
      ['solution scores 100', 'passed'],
      ['starter fails exactly a', 'passed'],
    ]);
    expect(report).to.include({ status: 'passed', score: 4, maxScore: 4, passMark: 4 });
  });

  it('fails only the testcase whose phase has mismatches, with them as its message', () => {
    const report = verifyReport(
      [
        result('alpha', [
          'starter: b passed but verify.starterFails says the starter must fail it',
        ]),
      ],
      header,
    );
    const [solution, starter] = report.labs[0]?.checks ?? [];
    expect(solution?.status).to.equal('passed');
    expect(starter?.status).to.equal('failed');
    expect(starter?.message).to.equal(
      'starter: b passed but verify.starterFails says the starter must fail it',
    );
    expect(report.status).to.equal('failed');
  });
});
