import { ReportFormat, type ReportWriter } from './model.js';
import { htmlWriter } from './writers/html.js';
import { jsonWriter } from './writers/json.js';
import { junitWriter } from './writers/junit.js';
import { markdownWriter } from './writers/markdown.js';
import { plainWriter } from './writers/plain.js';
import { terminalWriter } from './writers/terminal.js';

/** One writer per format. */
export const WRITERS: Readonly<Record<ReportFormat, ReportWriter>> = {
  [ReportFormat.terminal]: terminalWriter,
  [ReportFormat.plain]: plainWriter,
  [ReportFormat.json]: jsonWriter,
  [ReportFormat.junit]: junitWriter,
  [ReportFormat.markdown]: markdownWriter,
  [ReportFormat.html]: htmlWriter,
};

/** The formats, sorted, for `--format` choices and help. */
export const REPORT_FORMATS: readonly ReportFormat[] = Object.values(ReportFormat).sort();

export function writerFor(format: ReportFormat): ReportWriter {
  return WRITERS[format];
}

/** Narrows user input (`--format html`) to a ReportFormat. */
export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(WRITERS, value);
}
