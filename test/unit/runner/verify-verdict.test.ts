import { expect } from 'chai';
import type { CheckResult, CheckStatus } from '../../../src/model/result.js';
import type { LabReport } from '../../../src/report/model.js';
import { solutionMismatches, starterMismatches } from '../../../src/runner/verify-verdict.js';

const check = (id: string, status: CheckStatus): CheckResult => ({
  id,
  title: id,
  kind: 'demo',
  status,
  points: status === 'passed' ? 50 : 0,
  maxPoints: 50,
  message: `${id} ${status}`,
  evidence: {},
  visibility: 'visible',
  durationMs: 1,
});
const report = (...checks: CheckResult[]): LabReport => ({
  labId: 'demo',
  title: 'Demo',
  namespace: 'kubelab-verify-demo',
  status: checks.every((c) => c.status === 'passed') ? 'passed' : 'failed',
  score: checks.reduce((s, c) => s + c.points, 0),
  maxScore: checks.length * 50,
  checks,
  durationMs: 1,
});
const lab = (starterFails: string[]) => ({
  verify: { starterFails },
  checks: [],
});

describe('verify verdicts', () => {
  it('accepts a solution where every check passed and nothing was refused', () => {
    expect(
      solutionMismatches(report(check('a', 'passed'), check('b', 'passed')), []),
    ).to.deep.equal([]);
  });

  it('lists every solution check that did not pass, and apply problems', () => {
    expect(
      solutionMismatches(report(check('a', 'passed'), check('b', 'error')), [
        'solution/x.yaml:1 Pod p: refused: no',
      ]),
    ).to.deep.equal([
      'solution: solution/x.yaml:1 Pod p: refused: no',
      'solution: b error: b error',
    ]);
  });

  it('accepts a starter that fails exactly starterFails (skipped counts as not passed)', () => {
    expect(
      starterMismatches(
        lab(['a', 'b']),
        report(check('a', 'failed'), check('b', 'skipped'), check('c', 'passed')),
      ),
    ).to.deep.equal([]);
  });

  it('names a check the starter passes but should fail, and one it fails but should not', () => {
    expect(
      starterMismatches(lab(['a']), report(check('a', 'passed'), check('b', 'failed'))),
    ).to.deep.equal([
      'starter: a passed but verify.starterFails says the starter must fail it',
      'starter: b failed but is not in verify.starterFails: b failed',
    ]);
  });

  it('names a starterFails id that is not a check of the lab', () => {
    expect(starterMismatches(lab(['zz']), report(check('a', 'passed')))).to.deep.equal([
      'starter: verify.starterFails names zz, which is not a check of this lab',
    ]);
  });

  it('asks for verify.starterFails when the lab has none', () => {
    expect(
      starterMismatches({ checks: [], verify: undefined }, report(check('a', 'failed')))[0],
    ).to.contain('no verify.starterFails');
  });
});
