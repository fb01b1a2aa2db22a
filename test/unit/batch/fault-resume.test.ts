import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendJournal, isUngraded, readJournal } from '../../../src/batch/journal/journal.js';
import { planGrading } from '../../../src/batch/journal/plan.js';
import type { Submission } from '../../../src/batch/intake/submissions.js';
import { probesEntry } from './fault-entries.js';

const submission = (id: string): Submission => ({
  student: { id, dir: id },
  root: `/subs/${id}`,
  labs: ['probes'],
  problems: [],
  dispose: () => Promise.resolve(),
});

const FAULT = 'the cluster was unreachable (connection refused) (on each of 3 attempts)';

describe('resuming after cluster faults', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-fault-journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('journals an ungraded submission with its fault and leftovers, and reads them back', async function () {
    const path = join(dir, 'journal.jsonl');
    const leftovers = ['namespace/kubelab-probes-bob: not deleted: cluster unreachable'];
    await appendJournal(path, probesEntry('bob', { fault: FAULT }, { leftovers }));
    const [read] = await readJournal(path);
    expect(read?.fault).to.deep.equal({ reason: FAULT, attempts: 3 });
    expect(read?.leftovers).to.deep.equal(leftovers);
    expect(read !== undefined && isUngraded(read)).to.equal(true);
    expect(read?.report.status).to.equal('error');
  });

  it('grades again with --resume what a fault left ungraded, and skips what has a grade', async function () {
    const path = join(dir, 'journal.jsonl');
    await appendJournal(path, probesEntry('alice', { status: 'failed' }));
    await appendJournal(path, probesEntry('bob', { fault: FAULT }));
    const plan = planGrading({
      submissions: [submission('alice'), submission('bob')],
      labIds: ['probes'],
      students: [],
      resume: true,
      journal: await readJournal(path),
      regrade: [],
    });
    expect(plan.work.map((w) => `${w.studentId}/${w.labId}`)).to.deep.equal(['bob/probes']);
    expect(plan.alreadyGraded).to.equal(1);
  });

  it('takes the grade a resumed run journaled over the fault it supersedes', async function () {
    const path = join(dir, 'journal.jsonl');
    await appendJournal(path, probesEntry('bob', { fault: FAULT }));
    await appendJournal(path, probesEntry('bob', { status: 'passed' }));
    const journal = await readJournal(path);
    expect(journal.map((e) => [e.student.id, e.report.score, isUngraded(e)])).to.deep.equal([
      ['bob', 100, false],
    ]);
    const plan = planGrading({
      submissions: [submission('bob')],
      labIds: ['probes'],
      students: [],
      resume: true,
      journal,
      regrade: [],
    });
    expect(plan.work).to.deep.equal([]);
  });
});
