import { HTML_STYLE } from '../../report/writers/html-style.js';
import { escapeXml as esc } from '../../report/xml-escape.js';
import { isUngraded } from '../journal/journal.js';
import { barChartSvg } from './bar-chart-svg.js';
import type { ClassView } from './class-view.js';
import { labStats, mostFailedChecks } from './class-stats.js';
import { refusalsOf } from './feedback.js';
import { UNGRADED_CELL } from './gradebook.js';
import { histogramSvg } from './histogram-svg.js';
import { resultsDocument } from './results-json.js';
import { summaryLegend } from './summary-legend.js';

/**
 * `summary.html`, the instructor's page: per lab the score distribution (histogram) and its
 * statistics, the checks most students did not pass (bar chart), every refused document per student
 * (hostile or mistaken actions kubelab never sent), and the class's scores with a link to each
 * student's feedback page; a legend says what the statuses mean. One self-contained page: inline CSS
 * and inline SVG, no script, no external asset; every piece of text escaped.
 */

export interface SummaryOptions {
  /** A student's feedback page, relative to summary.html: `feedback/alice.html`. */
  readonly studentPage: (studentId: string) => string;
}

/** How many checks the "most failed" chart shows. */
export const MOST_FAILED_LIMIT = 15;

const SUMMARY_STYLE = `
body { max-width: 72rem; }
svg.plot { display: block; margin: 0.5rem 0 1rem; max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
.labs { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.labs figure { margin: 0; }
td.num, th.num { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
`;

export function summaryHtml(view: ClassView, options: SummaryOptions): string {
  const doc = resultsDocument(view);
  const stats = labStats(view);
  const failed = mostFailedChecks(view, MOST_FAILED_LIMIT);
  const refusals = view.students.flatMap((row) =>
    refusalsOf(row).map((refusal) => ({ student: row.student.id, ...refusal })),
  );
  const tr = (cells: readonly string[], numeric: readonly boolean[] = []): string =>
    `<tr>${cells.map((cell, i) => `<td${numeric[i] === true ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>kubelab grading summary: ${view.students.length} students</title>`,
    `<style>${HTML_STYLE}${SUMMARY_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>kubelab grading summary</h1>',
    `<p>${view.students.length} students · ${view.labs.length} labs · status ${esc(doc.status)}</p>`,
    `<p>graded by ${esc(doc.kubelab.join(', '))} · Kubernetes ${esc(doc.serverVersions.join(', '))} · contexts ${esc(doc.contexts.join(', '))}</p>`,
    '</header>',
    '<main>',
    summaryLegend(),
    '<section id="labs">',
    '<h2>Score distribution per lab</h2>',
    '<table>',
    '<thead><tr><th>Lab</th><th class="num">Graded</th><th class="num">Passed</th><th class="num">Mean</th><th class="num">Median</th><th class="num">Max</th></tr></thead>',
    '<tbody>',
    ...stats.map((s) =>
      tr(
        [
          `${esc(s.labId)}: ${esc(s.title)}`,
          `${s.graded}`,
          `${s.passed}`,
          `${s.mean}`,
          `${s.median}`,
          `${s.maxScore}`,
        ],
        [false, true, true, true, true, true],
      ),
    ),
    '</tbody>',
    '</table>',
    '<div class="labs">',
    ...stats.map((s) =>
      [
        `<figure id="histogram-${esc(s.labId)}">`,
        `<figcaption>${esc(s.labId)}: ${s.graded} graded</figcaption>`,
        histogramSvg({
          scores: s.scores,
          maxScore: s.maxScore,
          title: `${s.labId}: score distribution`,
        }),
        '</figure>',
      ].join('\n'),
    ),
    '</div>',
    '</section>',
    '<section id="most-failed">',
    '<h2>Checks most students did not pass</h2>',
    '<p class="muted">Highest rate first: students who did not pass the check, of those graded on its lab.</p>',
    failed.length === 0
      ? '<p class="muted">Every graded student passed every check.</p>'
      : barChartSvg({
          bars: failed.map((f) => ({
            label: `${f.labId}/${f.checkId}: ${f.title}`,
            value: f.failed,
            total: f.graded,
          })),
          title: 'share of the students graded on the lab who did not pass each check',
        }),
    '</section>',
    '<section id="refusals">',
    `<h2>Refused documents (${refusals.length})</h2>`,
    refusals.length === 0
      ? '<p class="muted">No document was refused.</p>'
      : [
          '<table>',
          '<thead><tr><th>Student</th><th>Lab</th><th>Document and reason</th></tr></thead>',
          '<tbody>',
          ...refusals.map((r) => tr([esc(r.student), esc(r.labId), esc(r.text)])),
          '</tbody>',
          '</table>',
        ].join('\n'),
    '</section>',
    '<section id="students">',
    '<h2>Scores</h2>',
    '<table>',
    `<thead><tr><th>Student</th><th>Name</th>${view.labs.map((lab) => `<th class="num">${esc(lab.id)}</th>`).join('')}<th class="num">Total</th></tr></thead>`,
    '<tbody>',
    ...view.students.map((row) =>
      tr(
        [
          `<a href="${esc(encodeURI(options.studentPage(row.student.id)))}">${esc(row.student.id)}</a>`,
          esc(row.student.name ?? ''),
          ...view.labs.map((lab) => {
            const entry = row.byLab.get(lab.id);
            if (entry === undefined) return '–';
            // No grade, as gradebook.csv says: a cluster fault spoilt every attempt at it.
            if (isUngraded(entry)) return `<span class="error">${UNGRADED_CELL}</span>`;
            return `<span class="${entry.report.status}">${entry.report.score}</span>`;
          }),
          `${row.score}/${row.maxScore}`,
        ],
        [false, false, ...view.labs.map(() => true), true],
      ),
    ),
    '</tbody>',
    '</table>',
    '</section>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
