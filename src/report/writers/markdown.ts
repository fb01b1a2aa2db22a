import type { CheckResult } from '../../model/result.js';
import { hiddenSummary, labView } from '../audience.js';
import { summariseEvidence } from '../evidence-summary.js';
import { ReportFormat, type Report, type ReportWriter } from '../model.js';
import { STATUS_EMOJI, cleanText } from '../status-labels.js';
import { headerLines, totalLine } from '../summary-lines.js';
import { escapeXml } from '../xml-escape.js';

/**
 * Feedback for a student, as GitHub/GitLab render Markdown: a heading per lab, a table of checks,
 * then each check that did not pass with its hint and evidence in a <details> block. Every piece of
 * text is HTML-escaped (Markdown passes HTML through) and table cells escape `|` and newlines.
 */

const cell = (text: string): string =>
  escapeXml(cleanText(text)).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

/** Inline text outside tables: HTML-escaped, with Markdown's own markup characters neutralised. */
const inline = (text: string): string =>
  escapeXml(cleanText(text)).replace(/([\\`*_[\]#|])/g, '\\$1');

function details(check: CheckResult): string[] {
  const out = [
    '<details>',
    `<summary>${STATUS_EMOJI[check.status]} <b>${escapeXml(cleanText(check.title))}</b> (${check.points}/${check.maxPoints})</summary>`,
    '',
    `<p>${escapeXml(cleanText(check.message))}</p>`,
  ];
  if (check.hint !== undefined) out.push(`<p><b>Hint:</b> ${escapeXml(cleanText(check.hint))}</p>`);
  for (const block of summariseEvidence(check.evidence)) {
    out.push(
      `<p><i>${escapeXml(block.label)}</i></p>`,
      `<pre>${escapeXml(block.lines.join('\n'))}</pre>`,
    );
  }
  out.push('</details>');
  return out;
}

export const markdownWriter: ReportWriter = {
  format: ReportFormat.markdown,
  extension: 'md',
  render(report: Report, options) {
    const out = [
      `# kubelab report: ${report.score}/${report.maxScore} ${STATUS_EMOJI[report.status]} ${report.status}`,
      '',
      ...headerLines(report).map((line) => `${inline(line)}  `),
      '',
      `${inline(totalLine(report))}`,
    ];
    for (const lab of report.labs) {
      const view = labView(lab, options.audience);
      out.push(
        '',
        `## ${STATUS_EMOJI[lab.status]} ${inline(lab.labId)}: ${inline(lab.title)} (${lab.score}/${lab.maxScore})`,
        '',
      );
      if (lab.message !== undefined) out.push(`> ${inline(lab.message)}`, '');
      if (lab.checks.length === 0) continue;
      out.push('| | Check | Points | Result |', '|---|---|---:|---|');
      for (const check of view.checks) {
        out.push(
          `| ${STATUS_EMOJI[check.status]} | ${cell(check.title)} | ${check.points}/${check.maxPoints} | ${cell(check.message)} |`,
        );
      }
      const hidden = hiddenSummary(view);
      if (hidden !== '') out.push('', `_${inline(hidden)}_`);
      const notPassed = view.checks.filter((check) => check.status !== 'passed');
      out.push(...notPassed.flatMap((check) => ['', ...details(check)]));
    }
    while (out.at(-1) === '') out.pop();
    return `${out.join('\n')}\n`;
  },
};
