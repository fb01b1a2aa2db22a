import { expect } from 'chai';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';

const LAB = 'resources-oom';

/**
 * Batch grading gives each namespace a LimitRange whose defaults fill in the requests and limits a
 * container leaves out, which turns the starter's BestEffort web pods Burstable as admitted. The
 * QoS checks must still judge what the student wrote.
 */
describe('kubelab grade on resources-oom, under the batch LimitRange', function () {
  let root: string;
  before(async function () {
    await testCluster(this);
    root = await mkdtemp(join(tmpdir(), 'kubelab-qos-class-'));
    for (const [student, variant] of [
      ['qos-sol', 'solution'],
      ['qos-start', 'starter'],
    ] as const) {
      await cp(join(REPO_ROOT, 'labs', LAB, variant), join(root, 'submissions', student, LAB), {
        recursive: true,
      });
    }
  });
  after(async function () {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('fails the starter on web-qos (defaulted pods judged by their template) and passes the solution', async function () {
    this.timeout(400_000);
    const out = join(root, 'out');
    const run = await kubelab(['grade', join(root, 'submissions'), '--out', out], {
      cwd: REPO_ROOT,
      timeoutMs: 360_000,
    });
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    const check = (student: string, id: string) =>
      entries.find((e) => e.student.id === student)?.report.checks.find((c) => c.id === id);
    expect(check('qos-sol', 'web-qos')?.status, check('qos-sol', 'web-qos')?.message).to.equal(
      'passed',
    );
    expect(check('qos-sol', 'payments-qos')?.status).to.equal('passed');
    const webQos = check('qos-start', 'web-qos');
    expect(webQos?.status, webQos?.message).to.equal('failed');
    expect(webQos?.message).to.match(
      /is BestEffort as its template is written \(the namespace's LimitRange filled in .*shows Burstable\), expected Burstable/,
    );
    expect(webQos?.evidence.observed).to.match(/Burstable as admitted \(LimitRanger plugin set/);
    expect(check('qos-start', 'payments-qos')?.status).to.equal('failed');
  });
});
