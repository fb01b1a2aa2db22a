import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { Report, ReportFormat } from '../report/model.js';
import { ReportFormat as Formats } from '../report/model.js';
import { REPORT_FORMATS, isReportFormat, writerFor } from '../report/writers.js';
import { UsageError } from './errors.js';

/** The machine-readable formats `--report` accepts (terminal/plain are what stdout shows). */
export const FILE_FORMATS: readonly ReportFormat[] = REPORT_FORMATS.filter(
  (format) => format !== Formats.terminal && format !== Formats.plain,
);

/** Where one report goes: a file, or stdout (in place of the human report). */
export interface ReportTarget {
  readonly format: ReportFormat;
  /** Absolute path; undefined means stdout. */
  readonly file: string | undefined;
}

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': Formats.json,
  '.xml': Formats.junit,
  '.md': Formats.markdown,
  '.html': Formats.html,
};

/** Base name of the files written with --out-dir: `kubelab-report.json`, `kubelab-report.xml`, … */
export const REPORT_BASENAME = 'kubelab-report';

/**
 * Plans the outputs of `--report` (repeatable), `--out FILE` and `--out-dir DIR`:
 * - `--report json --out r.json`: one file; `--out r.xml` alone infers junit from the extension;
 * - `--report junit --report html --out-dir out/`: out/kubelab-report.xml and .html;
 * - `--report json` alone: JSON on stdout instead of the human report.
 */
export function planReportTargets(options: {
  readonly reports: readonly string[];
  readonly out: string | undefined;
  readonly outDir: string | undefined;
  readonly cwd: string;
}): ReportTarget[] {
  const formats = [...new Set(options.reports)].map((name) => {
    if (!isReportFormat(name) || !FILE_FORMATS.includes(name)) {
      throw new UsageError(`--report ${name}: expected one of ${FILE_FORMATS.join(', ')}`);
    }
    return name;
  });
  if (options.out !== undefined && options.outDir !== undefined) {
    throw new UsageError(
      '--out and --out-dir both given; expected one',
      '--out FILE for one report, --out-dir DIR for several',
    );
  }
  if (options.out !== undefined) {
    const file = resolve(options.cwd, options.out);
    const inferred = BY_EXTENSION[extname(file).toLowerCase()];
    if (formats.length > 1) {
      throw new UsageError(
        `--out names one file but ${formats.length} --report formats were given`,
        '--out-dir DIR',
      );
    }
    const format = formats[0] ?? inferred;
    if (format === undefined) {
      throw new UsageError(
        `--out ${options.out}: no --report format given and none implied by the extension`,
        '--report json|junit|markdown|html',
      );
    }
    return [{ format, file }];
  }
  if (options.outDir !== undefined) {
    const dir = resolve(options.cwd, options.outDir);
    if (formats.length === 0)
      throw new UsageError(
        '--out-dir needs at least one --report format',
        '--report junit --out-dir DIR',
      );
    return formats.map((format) => ({
      format,
      file: join(dir, `${REPORT_BASENAME}.${writerFor(format).extension}`),
    }));
  }
  if (formats.length > 1)
    throw new UsageError('several --report formats cannot all go to stdout', '--out-dir DIR');
  return formats.map((format) => ({ format, file: undefined }));
}

/** Renders the report to each file target (creating directories); returns the files written. */
export async function writeReportFiles(
  report: Report,
  targets: readonly ReportTarget[],
  options: { audience: 'student' | 'instructor' },
): Promise<string[]> {
  const written: string[] = [];
  for (const target of targets) {
    if (target.file === undefined) continue;
    await mkdir(dirname(target.file), { recursive: true });
    await writeFile(
      target.file,
      writerFor(target.format).render(report, { audience: options.audience, color: false }),
    );
    written.push(target.file);
  }
  return written;
}
