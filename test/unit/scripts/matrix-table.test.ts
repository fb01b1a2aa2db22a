import { expect } from 'chai';
import type { CheckResult } from '../../../src/model/result.js';
import type { LabReport, Report } from '../../../src/report/model.js';
import { writerFor } from '../../../src/report/writers.js';
import { matrixMarkdown, matrixReport, type VersionRun } from '../../../scripts/matrix/table.js';

const testcase = (id: string, passed: boolean, message: string): CheckResult => ({
  id,
  title: id,
  kind: 'verify',
  status: passed ? 'passed' : 'failed',
  points: passed ? 1 : 0,
  maxPoints: 1,
  message,
  evidence: {},
  visibility: 'visible',
  durationMs: 0,
});

const lab = (labId: string, seconds: number, solutionFailure?: string): LabReport => ({
  labId,
  title: labId,
  namespace: '',
  status: solutionFailure === undefined ? 'passed' : 'failed',
  score: solutionFailure === undefined ? 2 : 1,
  maxScore: 2,
  checks: [
    testcase(
      'solution',
      solutionFailure === undefined,
      solutionFailure ?? 'solution scored 100/100',
    ),
    testcase('starter', true, 'starter failed exactly a'),
  ],
  durationMs: seconds * 1000,
});

const verify = (labs: LabReport[]): Report => ({
  header: { tool: 'kubelab', context: 'kubelab', server: '', serverVersion: '', startedAt: '' },
  status: 'passed',
  score: 0,
  maxScore: 0,
  passMark: 0,
  labs,
});

const runs: VersionRun[] = [
  {
    version: 'v1.36.3',
    buildSeconds: 400.4,
    upSeconds: 41,
    verifySeconds: 160,
    verify: verify([lab('probes', 41.2), lab('static-pods', 12)]),
    smoke: { passed: 12, failed: [] },
  },
  {
    version: 'v1.37.2',
    buildSeconds: 0,
    upSeconds: 40,
    verifySeconds: 150,
    verify: verify([lab('probes', 40, 'solution: scored 70/100\nmore'), lab('static-pods', 11.6)]),
    smoke: { passed: 11, failed: ['smoke pod | runs'] },
  },
  { version: 'v1.38.0-beta.0', setupError: 'build failed: go: go.mod requires go >= 1.27' },
];

describe('the version matrix table', function () {
  it('shows one row per lab and one column per version, with why a lab failed', function () {
    expect(matrixMarkdown(runs)).to.equal(
      [
        '|  | v1.36.3 | v1.37.2 | v1.38.0-beta.0 |',
        '| --- | --- | --- | --- |',
        '| **labs verified** | 2/2 | 1/2 | ✗ build failed: go: go.mod requires go >= 1.27 |',
        '| `probes` | ✓ 41 s | ✗ solution: solution: scored 70/100 | ✗ not run |',
        '| `static-pods` | ✓ 12 s | ✓ 12 s | ✗ not run |',
        '| smoke suite | 12/12 | 11/12 (failed: smoke pod \\| runs) | – |',
        '| build (cached: 0 s) | 400 s | 0 s | – |',
        '| cluster up | 41 s | 40 s | – |',
        '| `verify --all` wall time | 160 s | 150 s | – |',
        '',
      ].join('\n'),
    );
  });

  it('fails the JUnit testcases of a lab that did not verify and of a version that never ran', function () {
    const report = matrixReport(runs, '2026-12-06T00:00:00Z');
    expect(report.status).to.equal('failed');
    expect(report.labs.map((l) => `${l.labId} ${l.score}/${l.maxScore}`)).to.deep.equal([
      'kubernetes-v1.36.3 3/3',
      'kubernetes-v1.37.2 1/3',
      'kubernetes-v1.38.0-beta.0 0/1',
    ]);
    const xml = writerFor('junit').render(report, { audience: 'instructor', color: false });
    expect(xml).to.include('build failed: go: go.mod requires go &gt;= 1.27');
    expect(xml).to.include('✗ solution: solution: scored 70/100');
  });

  it('passes when every version verified every lab and its smoke suite', function () {
    expect(matrixReport(runs.slice(0, 1), '').status).to.equal('passed');
  });
});
