import { expect } from 'chai';
import { attemptFault, faultReport } from '../../../src/batch/faults/fault-verdict.js';
import { apiErrorFor, ClusterUnreachableError } from '../../../src/cluster/errors.js';
import { PROBES, probesEntry } from './fault-entries.js';

const passed = probesEntry('alice', { status: 'passed' }).report;
const failed = probesEntry('alice', { status: 'failed' }).report;
const none = { count: 0, latest: undefined };
const some = { count: 4, latest: 'the cluster was unreachable (server s: connection refused)' };
const refused = new ClusterUnreachableError(
  'kubelab',
  'https://10.0.0.1:6443',
  'connection refused',
);

describe('whether an attempt at a submission is a grade', function () {
  it('is one when no cluster fault happened while it was graded, whatever the score', function () {
    expect(attemptFault({ report: failed, faults: none })).to.equal(undefined);
    expect(attemptFault({ report: passed, faults: none })).to.equal(undefined);
  });

  it('is none when a check failed or errored while the cluster was failing', function () {
    expect(attemptFault({ report: failed, faults: some })).to.equal(
      'the cluster was unreachable (server s: connection refused) (4 cluster fault(s) while it was graded)',
    );
  });

  it('stays one at full marks even if the cluster blinked meanwhile', function () {
    expect(attemptFault({ report: passed, faults: some })).to.equal(undefined);
  });

  it('is none when a cluster fault stopped the set-up, even if the log missed it', function () {
    expect(attemptFault({ report: failed, error: refused, faults: none })).to.equal(
      'the cluster was unreachable (server https://10.0.0.1:6443: connection refused)',
    );
    expect(
      attemptFault({
        report: failed,
        error: apiErrorFor(429, '', { method: 'PATCH', path: '/api/v1/namespaces/x' }),
        faults: none,
      }),
    ).to.match(/^the API server answered 429 TooManyRequests/);
  });

  it('is one when the set-up failed for a reason of its own (not the cluster failing)', function () {
    const invalid = apiErrorFor(422, '', { method: 'PATCH', path: '/api/v1/namespaces/x' });
    expect(attemptFault({ report: failed, error: invalid, faults: none })).to.equal(undefined);
  });
});

describe('the report of a submission a fault left ungraded', function () {
  it('scores 0 with status error, says why and what to run, and skips every check', function () {
    const report = faultReport({
      lab: PROBES,
      namespace: 'kubelab-probes-alice',
      fault: 'the cluster was unreachable (connection refused) (on each of 3 attempts)',
    });
    expect(report.status).to.equal('error');
    expect(report.score).to.equal(0);
    expect(report.maxScore).to.equal(100);
    expect(report.message).to.equal(
      'not graded: the cluster was unreachable (connection refused) (on each of 3 attempts). ' +
        'This is not a grade; run kubelab grade --resume once the cluster is healthy to grade it',
    );
    expect(report.checks.map((c) => c.status)).to.deep.equal(PROBES.checks.map(() => 'skipped'));
  });
});
