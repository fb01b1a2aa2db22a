import { listedRefusals } from '../bounded-list.js';
import type { Audience } from '../../report/audience.js';
import { cleanText } from '../../report/status-labels.js';
import { htmlWriter } from '../../report/writers/html.js';
import { markdownWriter } from '../../report/writers/markdown.js';
import { escapeXml } from '../../report/xml-escape.js';
import type { StudentRow } from './class-view.js';
import type { LabColumn } from './lab-columns.js';
import { studentReport } from './student-report.js';

/**
 * Per-student feedback, `feedback/<student>.md` and `.html`: the report writers' own pages (scores,
 * each check that did not pass with its hint and evidence; hidden checks left out for the student
 * audience but counted in the scores; every class lab not handed in named with 0 points, so the total
 * is gradebook.csv's), followed by the documents kubelab refused to apply and why.
 */

export interface FeedbackOptions {
  /** Who reads the page: 'student' leaves hidden checks out (still scored). */
  readonly audience: Audience;
  /** The class's labs: those the student has no entry for are shown as not handed in. */
  readonly labs: readonly LabColumn[];
}

export interface Refusal {
  readonly labId: string;
  readonly text: string;
}

/** The student's refused or rejected documents, by lab id then journal order (bounded per lab). */
export function refusalsOf(row: StudentRow): Refusal[] {
  return [...row.byLab.values()].flatMap((entry) =>
    listedRefusals(entry.refusals).map((text) => ({ labId: entry.labId, text })),
  );
}

const REFUSED_HEADING = 'Documents not applied';
const REFUSED_INTRO =
  'kubelab did not apply these documents of your submission (its policy refused them, or the API server rejected them); the checks that needed them scored 0.';

export function feedbackMarkdown(row: StudentRow, options: FeedbackOptions): string {
  const page = markdownWriter.render(studentReport(row, options.labs), {
    audience: options.audience,
    color: false,
  });
  const refusals = refusalsOf(row);
  if (refusals.length === 0) return page;
  const cell = (text: string): string =>
    escapeXml(cleanText(text)).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  return [
    page.trimEnd(),
    '',
    `## ${REFUSED_HEADING}`,
    '',
    REFUSED_INTRO,
    '',
    '| Lab | Document and reason |',
    '|---|---|',
    ...refusals.map((r) => `| ${cell(r.labId)} | ${cell(r.text)} |`),
    '',
  ].join('\n');
}

export function feedbackHtml(row: StudentRow, options: FeedbackOptions): string {
  const page = htmlWriter.render(studentReport(row, options.labs), {
    audience: options.audience,
    color: false,
  });
  const refusals = refusalsOf(row);
  if (refusals.length === 0) return page;
  const section = [
    '<section id="refused">',
    `<h2>${REFUSED_HEADING}</h2>`,
    `<p>${escapeXml(REFUSED_INTRO)}</p>`,
    '<table>',
    '<thead><tr><th>Lab</th><th>Document and reason</th></tr></thead>',
    '<tbody>',
    ...refusals.map(
      (r) => `<tr class="failed"><td>${escapeXml(r.labId)}</td><td>${escapeXml(r.text)}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
    '</section>',
  ];
  const at = page.lastIndexOf('</main>');
  if (at < 0)
    throw new Error(
      'the HTML writer produced no </main>; expected one to add the refused documents before',
    );
  return `${page.slice(0, at)}${section.join('\n')}\n${page.slice(at)}`;
}
