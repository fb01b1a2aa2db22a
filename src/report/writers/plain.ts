import { hiddenSummary, labView } from '../audience.js';
import { evidenceText, summariseEvidence } from '../evidence-summary.js';
import { ReportFormat, type Report, type ReportWriter } from '../model.js';
import { STATUS_WORD, cleanText } from '../status-labels.js';
import { headerLines, labLine, totalLine } from '../summary-lines.js';

/** Indent of the lines under a check (message, hint, evidence): aligned under the title. */
const INDENT = ' '.repeat(15);

/**
 * The terminal report without color or box drawing, for CI logs and pipes: one line per check
 * (`FAIL    0/30  liveness  A liveness probe …`), its message, hint and evidence indented under it.
 */
export const plainWriter: ReportWriter = {
  format: ReportFormat.plain,
  extension: 'txt',
  render(report: Report, options) {
    const out: string[] = headerLines(report);
    for (const lab of report.labs) {
      const view = labView(lab, options.audience);
      out.push('', `== ${labLine(lab)}`);
      if (lab.message !== undefined) out.push(`   ${cleanText(lab.message)}`);
      for (const check of view.checks) {
        const points = `${check.points}/${check.maxPoints}`.padStart(7);
        out.push(
          `${STATUS_WORD[check.status].padEnd(5)} ${points}  ${check.id}: ${cleanText(check.title)}`,
        );
        out.push(`${INDENT}${cleanText(check.message)}`);
        if (check.status === 'passed') continue;
        if (check.hint !== undefined) out.push(`${INDENT}hint: ${cleanText(check.hint)}`);
        out.push(...evidenceText(summariseEvidence(check.evidence), INDENT));
      }
      const hidden = hiddenSummary(view);
      out.push(
        `   ${lab.labId}: ${lab.score}/${lab.maxScore}${hidden === '' ? '' : ` (${hidden})`}`,
      );
    }
    out.push('', totalLine(report));
    return `${out.join('\n')}\n`;
  },
};
