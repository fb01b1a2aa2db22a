import { expect } from 'chai';
import { runSummary } from '../../../src/batch/faults/run-summary.js';
import { probesEntry } from './fault-entries.js';

const FAULT = 'the cluster was unreachable (connection refused) (on each of 3 attempts)';
const LEFT = 'namespace/kubelab-probes-carl: not deleted: cluster unreachable';

describe('the end of a grading run', function () {
  it('says nothing (complete) when every submission has a grade, passed or not', function () {
    const summary = runSummary([
      probesEntry('alice', { status: 'passed' }),
      probesEntry('bob', { status: 'failed' }),
    ]);
    expect(summary.lines).to.deep.equal([]);
    expect(summary.complete).to.equal(true);
  });

  it('lists the ungraded submissions with their fault, says to resume', function () {
    const summary = runSummary([
      probesEntry('alice', { status: 'passed' }),
      probesEntry('bob', { fault: FAULT }),
    ]);
    expect(summary.lines).to.deep.equal([
      'ungraded 1: a cluster fault spoilt every attempt at them, so they have no grade (status error in the gradebook and feedback); run kubelab grade --resume to grade them:',
      `  bob/probes: ${FAULT}`,
    ]);
    expect(summary.complete).to.equal(false);
  });

  it('reports what the cleanup left on the cluster, even for a graded submission', function () {
    const summary = runSummary([probesEntry('carl', { status: 'passed' }, { leftovers: [LEFT] })]);
    expect(summary.lines).to.deep.equal([
      'left on the cluster: 1 object(s) the cleanup could not delete; kubelab grade --resume deletes them:',
      `  carl/probes: ${LEFT}`,
    ]);
    expect(summary.complete).to.equal(false);
  });
});
