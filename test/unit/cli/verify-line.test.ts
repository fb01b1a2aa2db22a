import { expect } from 'chai';
import { verifyLine } from '../../../src/cli/verify-line.js';
import type { CheckResult } from '../../../src/model/result.js';
import type { LabReport } from '../../../src/report/model.js';
import type { VerifyResult } from '../../../src/session/verify.js';

function check(id: string, status: CheckResult['status'], points: number): CheckResult {
  return {
    id,
    title: id,
    kind: 'k',
    status,
    points: status === 'passed' ? points : 0,
    maxPoints: points,
    message: '',
    evidence: {},
    visibility: 'visible',
    durationMs: 1,
  };
}

function lab(checks: CheckResult[]): LabReport {
  const score = checks.reduce((s, c) => s + c.points, 0);
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0);
  return {
    labId: 'probes',
    title: 'Probes',
    namespace: 'ns',
    status: score === maxScore ? 'passed' : 'failed',
    score,
    maxScore,
    checks,
    durationMs: 1,
  };
}

describe('kubelab verify lines', function () {
  it('says the solution scored full marks and the starter failed what it claims', function () {
    const result: VerifyResult = {
      labId: 'probes',
      ok: true,
      solution: lab([check('a', 'passed', 40), check('b', 'passed', 30), check('c', 'passed', 30)]),
      starter: lab([check('a', 'passed', 40), check('b', 'failed', 30), check('c', 'failed', 30)]),
      mismatches: [],
      durationMs: 42_149,
    };
    expect(verifyLine(result, { expectedStarterFails: ['b', 'c'], color: false })).to.equal(
      '✓ probes  solution 100/100  starter fails 2/2 as expected  42.1s\n',
    );
  });

  it('lists each mismatch under a ✗ line', function () {
    const result: VerifyResult = {
      labId: 'probes',
      ok: false,
      solution: lab([check('a', 'failed', 40), check('b', 'passed', 60)]),
      starter: lab([check('a', 'failed', 40), check('b', 'passed', 60)]),
      mismatches: [
        'solution: a failed: no pod',
        'starter: b passed but verify.starterFails names it',
      ],
      durationMs: 3_000,
    };
    expect(verifyLine(result, { expectedStarterFails: ['b'], color: false })).to.equal(
      '✗ probes  solution 60/100  starter fails a (expected b)  3.0s\n' +
        '    solution: a failed: no pod\n' +
        '    starter: b passed but verify.starterFails names it\n',
    );
  });
});
