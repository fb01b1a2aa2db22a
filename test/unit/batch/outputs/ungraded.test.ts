import { expect } from 'chai';
import { labStats, mostFailedChecks } from '../../../../src/batch/outputs/class-stats.js';
import { classView } from '../../../../src/batch/outputs/class-view.js';
import { feedbackMarkdown } from '../../../../src/batch/outputs/feedback.js';
import { gradebookCsv } from '../../../../src/batch/outputs/gradebook.js';
import { summaryHtml } from '../../../../src/batch/outputs/summary-html.js';
import { FIXTURE_LABS } from '../../../fixtures/batch/labs.js';
import { probesEntry } from '../fault-entries.js';

const FAULT = 'the cluster was unreachable (connection refused) (on each of 3 attempts)';
const labs = [FIXTURE_LABS[0] as (typeof FIXTURE_LABS)[number]];
const entries = [
  probesEntry('alice', { status: 'passed' }),
  probesEntry('bob', { fault: FAULT }),
  probesEntry('carl', { status: 'failed' }),
];

describe('outputs of a submission a cluster fault left ungraded', function () {
  it('shows error in its gradebook cells, never a 0', function () {
    const view = classView(entries, labs);
    expect(gradebookCsv(view, { detail: false }).split('\n')).to.deep.equal([
      'student_id,name,source,probes,total,max',
      'alice,,alice,100,100,100',
      'bob,,bob,error,0,100',
      'carl,,carl,0,0,100',
      '',
    ]);
    const detail = gradebookCsv(view, { detail: true }).split('\n')[2];
    expect(detail).to.equal('bob,,bob,error,0,100,error,error,error,error,error');
  });

  it("shows error in summary.html's score cell, never a 0, and the legend says what it means", function () {
    const html = summaryHtml(classView(entries, labs), { studentPage: (id) => `${id}.html` });
    const cells = (student: string): string | undefined =>
      html.split('\n').find((line) => line.includes(`href="${student}.html"`));
    expect(cells('bob')).to.include('<span class="error">error</span>');
    expect(cells('bob')).not.to.include('<span class="error">0</span>');
    expect(cells('carl')).to.include('<span class="failed">0</span>');
    expect(html).to.include('<dt>error in Scores</dt>');
  });

  it('tells the student it is not a grade and what the teacher runs', function () {
    const view = classView(entries, labs);
    const row = view.students.find((s) => s.student.id === 'bob');
    if (row === undefined) throw new Error('expected a row for bob');
    const page = feedbackMarkdown(row, { audience: 'student', labs: view.labs });
    expect(page).to.include(
      `> not graded: ${FAULT}. This is not a grade; run kubelab grade --resume`,
    );
    expect(page).to.match(/⚠️ error/);
  });

  it('leaves it out of the class statistics', function () {
    const view = classView(entries, labs);
    const [probes] = labStats(view);
    expect(probes?.scores).to.deep.equal([0, 100]);
    expect(probes?.graded).to.equal(2);
    expect(mostFailedChecks(view, 1)[0]?.graded).to.equal(2);
  });
});
