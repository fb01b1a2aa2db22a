import pc from 'picocolors';
import type { DoctorVerdict } from './item.js';

/** One evaluated line of the checklist. */
export interface DoctorLine {
  readonly title: string;
  readonly required: boolean;
  /** undefined: skipped because an earlier item it needs failed. */
  readonly verdict: DoctorVerdict | undefined;
}

/** The checklist: `✓ title  detail`, `✗` (required) or `!` (optional) with a `try:` line under it. */
export function renderDoctor(lines: readonly DoctorLine[], options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  const width = Math.max(...lines.map((line) => line.title.length));
  const out: string[] = [];
  for (const line of lines) {
    const title = line.title.padEnd(width);
    const verdict = line.verdict;
    if (verdict === undefined) {
      out.push(`${colors.dim('-')} ${title}  ${colors.dim('skipped: needs the items above')}`);
    } else if (verdict.ok) {
      out.push(`${colors.green('✓')} ${title}  ${verdict.detail}`);
    } else {
      const mark = line.required ? colors.red('✗') : colors.yellow('!');
      const optional = line.required ? '' : ' (optional)';
      out.push(
        `${mark} ${title}  ${verdict.detail}${optional}`,
        `  ${' '.repeat(width)}  try: ${verdict.tryLine}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** doctor fails when a required item failed or was skipped. */
export function doctorPassed(lines: readonly DoctorLine[]): boolean {
  return lines.every((line) => !line.required || line.verdict?.ok === true);
}
