import { expect } from 'chai';
import { JOURNAL_VERSION, type JournalEntry } from '../../../src/batch/journal/journal.js';
import { parseRegrade, planGrading } from '../../../src/batch/journal/plan.js';
import type { Submission } from '../../../src/batch/intake/submissions.js';

const submission = (id: string, dir = id): Submission => ({
  student: { id, dir },
  root: `/subs/${dir}`,
  labs: ['crash-recovery', 'probes'],
  problems: [],
  dispose: () => Promise.resolve(),
});

const done = (id: string, labId: string): JournalEntry =>
  ({
    v: JOURNAL_VERSION,
    student: { id, dir: id },
    labId,
    namespace: '',
  }) as unknown as JournalEntry;

const base = {
  submissions: [submission('bob'), submission('alice'), submission('x-rm-rf', '..x; rm -rf')],
  labIds: ['crash-recovery', 'probes'],
  students: [],
  resume: false,
  journal: [],
  regrade: [],
};

const keys = (plan: ReturnType<typeof planGrading>): string[] =>
  plan.work.map((w) => `${w.studentId}/${w.labId}`);

describe('planning a grading run', function () {
  it('grades every student and lab, round-robin over students', function () {
    expect(keys(planGrading(base))).to.deep.equal([
      'alice/crash-recovery',
      'bob/crash-recovery',
      'x-rm-rf/crash-recovery',
      'alice/probes',
      'bob/probes',
      'x-rm-rf/probes',
    ]);
  });

  it('skips with --resume what the journal has, and counts it', function () {
    const plan = planGrading({ ...base, resume: true, journal: [done('alice', 'probes')] });
    expect(keys(plan)).to.not.include('alice/probes');
    expect(plan.alreadyGraded).to.equal(1);
  });

  it('regrades only the named student or student/lab, whatever the journal says', function () {
    const plan = planGrading({
      ...base,
      resume: true,
      journal: [done('alice', 'probes')],
      regrade: [parseRegrade('alice/probes'), parseRegrade('..x; rm -rf')],
    });
    expect(keys(plan)).to.deep.equal(['alice/probes', 'x-rm-rf/crash-recovery', 'x-rm-rf/probes']);
  });

  it('filters students by id or folder name', function () {
    expect(keys(planGrading({ ...base, students: ['..x; rm -rf'] }))).to.deep.equal([
      'x-rm-rf/crash-recovery',
      'x-rm-rf/probes',
    ]);
  });

  it('splits the class over shards without overlap', function () {
    const one = planGrading({ ...base, shard: { index: 1, count: 2 } });
    const two = planGrading({ ...base, shard: { index: 2, count: 2 } });
    expect([...keys(one), ...keys(two)].sort()).to.deep.equal(keys(planGrading(base)).sort());
    expect(one.otherShards + two.otherShards).to.equal(3);
  });
});
