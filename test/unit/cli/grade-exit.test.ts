import { expect } from 'chai';
import { runSummary } from '../../../src/batch/faults/run-summary.js';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import { gradeExitCode } from '../../../src/cli/grade-exit.js';
import { probesEntry } from '../batch/fault-entries.js';

describe("kubelab grade's exit code", function () {
  it('is 0 when every submission has a grade, even a failing one', function () {
    const entries = [
      probesEntry('alice', { status: 'passed' }),
      probesEntry('bob', { status: 'failed' }),
    ];
    expect(gradeExitCode(runSummary(entries))).to.equal(ExitCode.ok);
  });

  it('is 2 when a cluster fault left a submission ungraded', function () {
    const entries = [
      probesEntry('alice', { status: 'passed' }),
      probesEntry('bob', { fault: 'the cluster was unreachable (connection refused)' }),
    ];
    expect(gradeExitCode(runSummary(entries))).to.equal(ExitCode.error);
  });

  it('is 2 when a namespace could not be deleted', function () {
    const entries = [
      probesEntry(
        'carl',
        { status: 'passed' },
        { leftovers: ['namespace/kubelab-probes-carl: x'] },
      ),
    ];
    expect(gradeExitCode(runSummary(entries))).to.equal(ExitCode.error);
  });
});
