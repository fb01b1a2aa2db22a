import { expect } from 'chai';
import { unexpectedScores } from '../../../bench/expected-scores.js';
import { JOURNAL_VERSION, type JournalEntry } from '../../../src/batch/journal/journal.js';
import type { Lab } from '../../../src/model/lab.js';
import type { CheckResult } from '../../../src/model/result.js';

function result(id: string, passed: boolean): CheckResult {
  return {
    id,
    title: id,
    kind: 'demo',
    status: passed ? 'passed' : 'failed',
    points: passed ? 50 : 0,
    maxPoints: 50,
    message: passed ? 'fine' : `${id} is wrong`,
    evidence: {},
    visibility: 'visible',
    durationMs: 1,
  };
}

function entry(dir: string, passed: Record<string, boolean>): JournalEntry {
  const checks = Object.entries(passed).map(([id, ok]) => result(id, ok));
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  return {
    v: JOURNAL_VERSION,
    student: { id: dir, dir },
    labId: 'probes',
    namespace: `kubelab-probes-${dir}`,
    report: {
      labId: 'probes',
      title: 'probes',
      namespace: `kubelab-probes-${dir}`,
      status: score === 100 ? 'passed' : 'failed',
      score,
      maxScore: 100,
      checks,
      durationMs: 1,
    },
    applied: { documents: [], appliedCount: 0, refusedCount: 0, rejectedCount: 0 },
    refusals: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    grader: { version: 'kubelab 0.1.0', context: 'kubelab', serverVersion: 'v1.34.0' },
  };
}

const lab = {
  id: 'probes',
  checks: [{ id: 'a' }, { id: 'b' }],
  verify: { starterFails: ['b'] },
} as unknown as Lab;
const students = [
  { dir: 's1', profile: 'solution', handedIn: { probes: 'solution' } },
  { dir: 's2', profile: 'starter', handedIn: { probes: 'starter' } },
] as const;
const labs = new Map([['probes', lab]]);

describe('the benchmark’s expected scores', function () {
  it('finds nothing when solutions pass and starters fail exactly verify.starterFails', function () {
    const entries = [entry('s1', { a: true, b: true }), entry('s2', { a: true, b: false })];
    expect(unexpectedScores({ entries, students, labs })).to.deep.equal([]);
  });

  it('names the submission and the check graded otherwise', function () {
    const entries = [entry('s1', { a: true, b: false }), entry('s2', { a: false, b: false })];
    expect(unexpectedScores({ entries, students, labs })).to.deep.equal([
      { submission: 's1/probes', problem: 'solution: b failed: b is wrong' },
      {
        submission: 's2/probes',
        problem: 'starter: a failed but is not in verify.starterFails: a is wrong',
      },
    ]);
  });

  it('reports a graded submission that is not in the synthetic class', function () {
    expect(
      unexpectedScores({ entries: [entry('stranger', { a: true })], students, labs }),
    ).to.deep.equal([
      { submission: 'stranger/probes', problem: 'not part of the synthetic class' },
    ]);
  });
});
