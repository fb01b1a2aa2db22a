import type { CheckResult, CheckStatus } from '../../model/result.js';
import { hiddenSummary, labView } from '../audience.js';
import { summariseEvidence } from '../evidence-summary.js';
import { ReportFormat, type LabReport, type Report, type ReportWriter } from '../model.js';
import { STATUS_SYMBOL } from '../status-labels.js';
import { headerLines, totalLine } from '../summary-lines.js';
import { escapeXml as esc } from '../xml-escape.js';
import { HTML_STYLE } from './html-style.js';

/**
 * One self-contained page (inline CSS, no scripts, no external assets): scores, a table per lab, and
 * each check that did not pass with its hint and evidence. Every piece of text is escaped.
 */

const badge = (status: CheckStatus): string =>
  `<span class="badge ${status}">${STATUS_SYMBOL[status]} ${status}</span>`;

function checkDetails(check: CheckResult): string[] {
  const out = [
    `<details open="open">`,
    `<summary class="${check.status}">${STATUS_SYMBOL[check.status]} ${esc(check.title)} (${check.points}/${check.maxPoints})</summary>`,
    `<p>${esc(check.message)}</p>`,
  ];
  if (check.hint !== undefined) out.push(`<p class="hint"><b>Hint:</b> ${esc(check.hint)}</p>`);
  for (const block of summariseEvidence(check.evidence)) {
    out.push(
      `<p class="muted">${esc(block.label)}</p>`,
      `<pre>${esc(block.lines.join('\n'))}</pre>`,
    );
  }
  out.push('</details>');
  return out;
}

function labSection(lab: LabReport, audience: 'student' | 'instructor'): string[] {
  const view = labView(lab, audience);
  const out = [
    `<section id="lab-${esc(lab.labId)}">`,
    `<h2>${esc(lab.labId)}: ${esc(lab.title)} ${badge(lab.status)} <span class="${lab.status}">${lab.score}/${lab.maxScore}</span></h2>`,
  ];
  if (lab.message !== undefined) out.push(`<p class="error">${esc(lab.message)}</p>`);
  // A lab with no check (one not handed in, in batch feedback) has its message and no table.
  if (lab.checks.length === 0) return [...out, '</section>'];
  out.push(
    '<table>',
    '<thead><tr><th></th><th>Check</th><th>Points</th><th>Result</th></tr></thead>',
    '<tbody>',
    ...view.checks.map(
      (c) =>
        `<tr class="${c.status}"><td>${STATUS_SYMBOL[c.status]}</td><td>${esc(c.title)}</td><td class="points">${c.points}/${c.maxPoints}</td><td>${esc(c.message)}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
  );
  const hidden = hiddenSummary(view);
  if (hidden !== '') out.push(`<p class="muted">${esc(hidden)}</p>`);
  out.push(...view.checks.filter((c) => c.status !== 'passed').flatMap(checkDetails), '</section>');
  return out;
}

export const htmlWriter: ReportWriter = {
  format: ReportFormat.html,
  extension: 'html',
  render(report: Report, options) {
    const who = report.header.student === undefined ? '' : ` for ${report.header.student}`;
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8" />',
      '<meta name="viewport" content="width=device-width, initial-scale=1" />',
      `<title>${esc(`kubelab report${who}: ${report.score}/${report.maxScore}`)}</title>`,
      `<style>${HTML_STYLE}</style>`,
      '</head>',
      '<body>',
      '<header>',
      `<h1>kubelab report ${badge(report.status)}</h1>`,
      ...headerLines(report).map((line) => `<p>${esc(line)}</p>`),
      `<p class="total ${report.status}">${esc(totalLine(report))}</p>`,
      '</header>',
      '<main>',
      ...report.labs.flatMap((lab) => labSection(lab, options.audience)),
      '</main>',
      '</body>',
      '</html>',
      '',
    ].join('\n');
  },
};
