import { displayPath } from '../../model/labs-dir.js';
import { loadAllLabs, loadLab } from '../../catalogue/load-lab.js';
import { maxScore as labMaxScore } from '../../report/score.js';
import { writerFor } from '../../report/writers.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { connectCluster } from '../connect-cluster.js';
import { InterruptedError, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import type { PassMark } from '../pass-mark.js';
import { FULL_MARKS, formatPassMark, parsePassMark, passMarkPoints } from '../pass-mark.js';
import type { ReportTarget } from '../report-targets.js';
import { FILE_FORMATS, planReportTargets, writeReportFiles } from '../report-targets.js';
import { runChecks, submissionDirFor } from '../run-checks.js';
import { commandHeads } from './heads.js';

export interface CheckOptions {
  readonly globals: GlobalOptions;
  /** The lab id, or undefined with --all. */
  readonly labId: string | undefined;
  readonly all: boolean;
  readonly passMark: PassMark;
  readonly targets: readonly ReportTarget[];
  /** --dir: the submission directory (with --all: the directory holding one per lab). */
  readonly dir: string | undefined;
}

/** Runs the checks, shows progress, prints the report, writes report files; exit 0 at the pass mark. */
export async function runCheck(options: CheckOptions, ctx: CliContext): Promise<ExitCode> {
  const { globals, labId } = options;
  const labs = options.all
    ? await loadAllLabs({ labsDir: globals.labsDir })
    : [await loadLab(labId ?? '', { labsDir: globals.labsDir })];
  const maxScore = labs.reduce((sum, { lab }) => sum + labMaxScore(lab), 0);
  if (passMarkPoints(options.passMark, maxScore) > maxScore) {
    throw new UsageError(
      `--pass-mark ${formatPassMark(options.passMark)} is above the maximum score ${maxScore}; nothing could pass`,
      `--pass-mark ${maxScore}, or a percentage such as 80%`,
    );
  }
  const { cluster, info } = await connectCluster(globals, ctx);
  const report = await runChecks({
    cluster,
    info,
    labs,
    submissionDir: submissionDirFor({ cwd: ctx.io.cwd, dir: options.dir, all: options.all }),
    nodeAccess: globals.nodeAccess,
    passMark: (max) => passMarkPoints(options.passMark, max),
    progress: {
      stream: ctx.io.stderr,
      live: ctx.io.stderr.isTTY === true && ctx.io.stdout.isTTY === true,
    },
    requireStarted: !options.all,
    signal: ctx.signal,
    startedAt: new Date(),
  });
  const toStdout = options.targets.find((target) => target.file === undefined);
  const human = ctx.io.stdout.isTTY === true ? writerFor('terminal') : writerFor('plain');
  const stdoutWriter = toStdout === undefined ? human : writerFor(toStdout.format);
  ctx.io.stdout.write(
    stdoutWriter.render(report, {
      audience: 'student',
      color: globals.color && toStdout === undefined,
    }),
  );
  const written = await writeReportFiles(report, options.targets, { audience: 'student' });
  for (const file of written) ctx.io.stderr.write(`wrote ${displayPath(file, ctx.io.cwd)}\n`);
  if (ctx.signal.aborted)
    throw new InterruptedError(`check ${options.all ? '--all' : (labId ?? '')}`.trim());
  return report.score >= report.passMark && report.labs.length > 0 ? ExitCode.ok : ExitCode.failed;
}

interface CheckArgs extends RawGlobals {
  lab?: string;
  all: boolean;
  report: string[];
  out?: string;
  'out-dir'?: string;
  'pass-mark'?: string;
  dir?: string;
}

const check: CommandFactory = (ctx) =>
  defineCommand<CheckArgs>({
    ...commandHeads.check,
    builder: (cli) =>
      cli
        .positional('lab', { type: 'string', describe: 'Lab id (see kubelab list)' })
        .option('all', { type: 'boolean', default: false, describe: 'Check every lab' })
        .option('report', {
          type: 'string',
          array: true,
          default: [],
          describe: `Also write a report: ${FILE_FORMATS.join(', ')} (repeatable with --out-dir)`,
        })
        .option('out', {
          type: 'string',
          describe: 'File for the --report (format implied by .json/.xml/.md/.html)',
        })
        .option('out-dir', {
          type: 'string',
          describe: 'Directory for several --report files (kubelab-report.<ext>)',
        })
        .option('pass-mark', {
          type: 'string',
          describe: 'Points (42) or percentage (80%) for exit 0 (default: full marks)',
        })
        .option('dir', {
          type: 'string',
          describe:
            'Submission directory for answers.yaml and static/ (default ./kubelab-work/<lab>)',
        })
        .example('kubelab check probes', 'check the probes lab in namespace kubelab-probes')
        .example('kubelab check probes --report junit --out probes.xml', 'also write JUnit XML')
        .example(
          'kubelab check --all --report json --report html --out-dir reports/',
          'every lab, two report files',
        )
        .example('kubelab check probes --pass-mark 80%', 'exit 0 from 80% of the points'),
    handler: (args) => {
      if (args.all === (args.lab !== undefined)) {
        throw new UsageError(
          'expected a lab id or --all (not both)',
          'kubelab check <lab>, or kubelab check --all',
        );
      }
      const options: CheckOptions = {
        globals: globalOptions(args, ctx.io),
        labId: args.lab,
        all: args.all,
        passMark: args['pass-mark'] === undefined ? FULL_MARKS : parsePassMark(args['pass-mark']),
        targets: planReportTargets({
          reports: args.report,
          out: args.out,
          outDir: args['out-dir'],
          cwd: ctx.io.cwd,
        }),
        dir: args.dir,
      };
      ctx.dispatch({ command: 'check', options, run: () => runCheck(options, ctx) });
    },
  });

export default check;
