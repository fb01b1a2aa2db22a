import Table from 'cli-table3';
import { createColors } from 'picocolors';
import type { CheckResult, CheckStatus } from '../../model/result.js';
import { hiddenSummary, labView } from '../audience.js';
import { evidenceText, summariseEvidence } from '../evidence-summary.js';
import { ReportFormat, type Report, type ReportWriter } from '../model.js';
import { STATUS_SYMBOL, cleanText } from '../status-labels.js';
import { headerLines, labLine, totalLine } from '../summary-lines.js';

/** Table width when the caller gives none: fits a 100-column terminal. */
export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const MAX_WIDTH = 160;

/** Column widths (symbol, check, points, message) for a total width, borders included. */
export function columnWidths(width: number = DEFAULT_WIDTH): number[] {
  const total = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(width)));
  const flexible = total - 3 - 9 - 5; // symbol and points columns, five borders
  const check = Math.floor(flexible * 0.44);
  return [3, check, 9, flexible - check];
}

type Colors = ReturnType<typeof createColors>;

function paint(colors: Colors, status: CheckStatus, text: string): string {
  if (status === 'passed') return colors.green(text);
  if (status === 'failed') return colors.red(text);
  if (status === 'error') return colors.magenta(text);
  return colors.yellow(text);
}

/**
 * The message as the table shows it: its first line, at most MESSAGE_CELL_CHARS. cli-table3 slows
 * down sharply with tall cells, so long text goes under the table instead.
 */
const MESSAGE_CELL_CHARS = 160;

function cellMessage(message: string): string {
  const first = cleanText(message).split('\n')[0] ?? '';
  return first.length > MESSAGE_CELL_CHARS ? `${first.slice(0, MESSAGE_CELL_CHARS - 1)}…` : first;
}

/** Under the table, per check that did not pass: the full message if the cell cut it, the hint, the evidence. */
function detailLines(check: CheckResult): string[] {
  const lines: string[] = [];
  const full = cleanText(check.message);
  if (cellMessage(check.message) !== full) lines.push(...full.split('\n'));
  if (check.hint !== undefined) lines.push(`hint: ${cleanText(check.hint)}`);
  return [...lines, ...evidenceText(summariseEvidence(check.evidence))];
}

/** A table per lab for a TTY: status symbol, check, points, message; hints and evidence under failures. */
export const terminalWriter: ReportWriter = {
  format: ReportFormat.terminal,
  extension: 'txt',
  render(report: Report, options) {
    const c = createColors(options.color);
    const out: string[] = headerLines(report).map((line) => c.dim(line));
    for (const lab of report.labs) {
      const view = labView(lab, options.audience);
      out.push('', c.bold(paint(c, lab.status, `${STATUS_SYMBOL[lab.status]} ${labLine(lab)}`)));
      if (lab.message !== undefined) out.push(paint(c, lab.status, cleanText(lab.message)));
      const table = new Table({
        head: ['', 'Check', 'Points', 'Result'],
        colWidths: columnWidths(options.width),
        colAligns: ['center', 'left', 'right', 'left'],
        wordWrap: true,
        style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      });
      const details: string[] = [];
      for (const check of view.checks) {
        table.push([
          paint(c, check.status, STATUS_SYMBOL[check.status]),
          cleanText(check.title),
          `${check.points}/${check.maxPoints}`,
          paint(c, check.status, cellMessage(check.message)),
        ]);
        if (check.status === 'passed') continue;
        const lines = detailLines(check);
        if (lines.length === 0) continue;
        details.push(
          paint(
            c,
            check.status,
            `  ${STATUS_SYMBOL[check.status]} ${check.id}: ${cleanText(check.title)}`,
          ),
        );
        details.push(...lines.map((line) => c.dim(`      ${line}`)));
      }
      out.push(table.toString(), ...details);
      const hidden = hiddenSummary(view);
      out.push(
        c.bold(`${lab.labId}: ${lab.score}/${lab.maxScore}`) +
          (hidden === '' ? '' : c.dim(` (${hidden})`)),
      );
    }
    out.push('', c.bold(paint(c, report.status, totalLine(report))));
    return `${out.join('\n')}\n`;
  },
};
