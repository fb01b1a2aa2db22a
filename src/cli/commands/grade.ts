import { resolve } from 'node:path';
import { concurrencyFor } from '../../batch/schedule/concurrency.js';
import { gradeClass, labNeedsNode, type GradeEvent } from '../../batch/grade-class.js';
import { journalPath } from '../../batch/journal/journal.js';
import { prepareOutputDir } from '../../batch/outputs/output-dir.js';
import { writeGradingOutputs } from '../../batch/outputs/write-outputs.js';
import { parseRegrade } from '../../batch/journal/plan.js';
import { runSummary } from '../../batch/faults/run-summary.js';
import { readRoster } from '../../batch/intake/roster.js';
import { parseShard, type Shard } from '../../batch/schedule/shard.js';
import { discoverSubmissions } from '../../batch/intake/submissions.js';
import { closeTargets, connectTargets, watchStats } from '../../batch/schedule/targets.js';
import type { GradeTarget } from '../../batch/grade-class.js';
import { displayPath } from '../../model/labs-dir.js';
import { loadAllLabs } from '../../catalogue/load-lab.js';
import { loadCheckKinds } from '../../catalogue/registry.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { concurrencyOption } from '../concurrency-option.js';
import { durationOption } from '../duration-option.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { ExitCode } from '../exit-codes.js';
import { gradeExitCode } from '../grade-exit.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { nodeAccessFor } from '../node-access-for.js';
import { kubelabVersion } from '../package-info.js';
import { commandHeads } from './heads.js';

/** A submission that runs longer than this is cut (its remaining checks score 0). */
const DEFAULT_TIMEOUT = '10m';

export interface GradeOptions {
  readonly globals: GlobalOptions;
  readonly submissionsDir: string;
  readonly outDir: string;
  readonly labs: readonly string[];
  readonly students: readonly string[];
  readonly roster: string | undefined;
  /** undefined: from the node's allocatable memory and CPU (see src/batch/schedule/concurrency.ts). */
  readonly concurrency: number | undefined;
  readonly timeoutMs: number;
  readonly resume: boolean;
  readonly regrade: readonly string[];
  readonly shard: Shard | undefined;
  readonly contexts: readonly string[];
  /** --detail: per-check columns in gradebook.csv. */
  readonly detail: boolean;
}

/** `kubelab grade`: grades every submission, journaling each as it finishes. 130 when interrupted. */
export async function runGrade(options: GradeOptions, ctx: CliContext): Promise<ExitCode> {
  // An --out that cannot be written is found now, not after the whole class was graded.
  await prepareOutputDir(options.outDir);
  const { globals, io } = { globals: options.globals, io: ctx.io };
  const controller = new AbortController();
  const abort = (): void => controller.abort(new Error('interrupted'));
  const onTerm = (): void => {
    io.stderr.write('\nkubelab: SIGTERM; abandoning in-flight submissions and cleaning up\n');
    abort();
  };
  ctx.signal.addEventListener('abort', abort, { once: true });
  process.once('SIGTERM', onTerm);
  try {
    const kinds = await loadCheckKinds();
    const all = await loadAllLabs({ labsDir: globals.labsDir, kinds });
    const labs = new Map(all.map((l) => [l.lab.id, l]));
    const unknown = options.labs.filter((id) => !labs.has(id));
    if (unknown.length > 0)
      throw new UsageError(
        `--labs: unknown lab ${unknown.join(', ')}; expected one of ${[...labs.keys()].join(', ')}`,
      );
    const roster = options.roster === undefined ? undefined : await readRoster(options.roster);
    const submissions = await discoverSubmissions({
      dir: options.submissionsDir,
      roster,
      knownLabs: new Set(labs.keys()),
    });
    let targets: GradeTarget[] = [];
    try {
      const labIds =
        options.labs.length > 0
          ? [...new Set(options.labs)].sort()
          : [...new Set(submissions.flatMap((s) => s.labs))].sort();
      targets = await connectTargets({
        contexts: options.contexts.length > 0 ? options.contexts : [globals.context],
        kubeconfig: globals.kubeconfig,
        env: io.env,
        signal: controller.signal,
        nodeAccess: (cluster, lab) =>
          nodeAccessFor({
            cluster,
            needed: labNeedsNode(lab),
            override: globals.nodeAccess,
            signal: controller.signal,
          }),
      });
      const first = targets[0];
      if (first === undefined) throw new UsageError('--contexts: expected at least one context');
      const concurrency =
        options.concurrency ??
        concurrencyFor(
          await first.cluster.list({ apiVersion: 'v1', kind: 'Node' }, controller.signal),
        );
      io.stderr.write(
        `grading ${submissions.length} submission(s), labs ${labIds.join(', ') || '(none found)'}, ` +
          `concurrency ${concurrency}, on ${targets.map((t) => t.cluster.context).join(', ')}\n`,
      );
      const result = await gradeClass({
        submissions,
        labs,
        labIds,
        students: options.students,
        outDir: options.outDir,
        targets,
        concurrency,
        timeoutMs: options.timeoutMs,
        resume: options.resume,
        regrade: options.regrade.map(parseRegrade),
        shard: options.shard,
        kinds,
        version: `kubelab ${kubelabVersion()}`,
        signal: controller.signal,
        onEvent: (event) => io.stderr.write(progressLine(event)),
      });
      for (const entry of result.entries) {
        io.stdout.write(
          `${entry.student.id}\t${entry.labId}\t${entry.report.score}/${entry.report.maxScore}\t${entry.report.status}\n`,
        );
      }
      // Outputs are rendered from the whole journal (earlier runs and resumes included), even
      // after an interruption, so what is on disk always matches what was graded.
      const outputs = await writeGradingOutputs({
        entries: result.entries,
        labs: all.map((l) => l.lab),
        outDir: options.outDir,
        detail: options.detail,
      });
      io.stderr.write(
        `wrote ${outputs.files.length} file(s) for ${outputs.students} student(s) in ${displayPath(options.outDir, io.cwd)}\n`,
      );
      for (const key of result.swept.cleared)
        io.stderr.write(`deleted what an earlier run left of ${key}\n`);
      for (const line of result.swept.notSwept)
        io.stderr.write(`could not delete what an earlier run left of ${line}\n`);
      io.stderr.write(
        `graded ${result.graded}, ungraded ${result.ungraded}, abandoned ${result.abandoned}; journal ${displayPath(journalPath(options.outDir), io.cwd)}\n`,
      );
      const waits = watchStats(targets);
      io.stderr.write(
        `waits: ${waits.shared} on shared watches (${waits.streams.join(', ') || 'none'}), ${waits.direct} on watches of their own\n`,
      );
      const summary = runSummary(result.entries);
      for (const line of summary.lines) io.stderr.write(`${line}\n`);
      if (result.interrupted) throw new InterruptedError('grade');
      return gradeExitCode(summary);
    } finally {
      await closeTargets(targets);
      await Promise.all(submissions.map((s) => s.dispose()));
    }
  } finally {
    process.removeListener('SIGTERM', onTerm);
    ctx.signal.removeEventListener('abort', abort);
  }
}

function progressLine(event: GradeEvent): string {
  switch (event.type) {
    case 'planned':
      return `  ${event.work} to grade, ${event.alreadyGraded} already in the journal, ${event.otherShards} student(s) in other shards\n`;
    case 'start':
      return `  start ${event.studentId}/${event.labId} on ${event.context}\n`;
    case 'done':
      if (event.entry.fault !== undefined)
        return `  done  ${event.entry.student.id}/${event.entry.labId} not graded: ${event.entry.fault.reason}\n`;
      return `  done  ${event.entry.student.id}/${event.entry.labId} ${event.entry.report.score}/${event.entry.report.maxScore}${event.entry.refusals.length > 0 ? ` (${event.entry.refusals.length} refused)` : ''}\n`;
    case 'abandoned':
      return `  abandoned ${event.studentId}/${event.labId} (interrupted; not journaled)\n`;
    case 'retry':
      return `  retry ${event.studentId}/${event.labId} (attempt ${event.attempt}): cluster fault: ${event.fault}\n`;
  }
}

interface GradeArgs extends RawGlobals {
  submissions: string;
  out: string;
  labs?: string;
  students?: string;
  roster?: string;
  concurrency?: number;
  timeout: string;
  resume: boolean;
  regrade: string[];
  shard?: string;
  contexts?: string;
  detail: boolean;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const grade: CommandFactory = (ctx) =>
  defineCommand<GradeArgs>({
    ...commandHeads.grade,
    builder: (cli) =>
      cli
        .positional('submissions', {
          type: 'string',
          demandOption: true,
          describe: 'Folder of submissions',
        })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'Output folder (journal.jsonl, gradebook…)',
        })
        .option('labs', {
          type: 'string',
          describe: 'Comma-separated lab ids (default: every lab found)',
        })
        .option('students', {
          type: 'string',
          describe: 'Comma-separated student ids or folder names',
        })
        .option('roster', { type: 'string', describe: 'CSV with dir,id,name columns' })
        .option('concurrency', {
          type: 'number',
          describe: 'Submissions graded at once (default: from node capacity)',
        })
        .option('timeout', {
          type: 'string',
          default: DEFAULT_TIMEOUT,
          describe: 'Per-submission time limit',
        })
        .option('resume', {
          type: 'boolean',
          default: false,
          describe: 'Skip what the journal already has',
        })
        .option('regrade', {
          type: 'string',
          array: true,
          default: [],
          describe: 'Redo <student>[/<lab>] (repeatable)',
        })
        .option('shard', {
          type: 'string',
          describe: 'Grade slice i/n of the students (stable hash)',
        })
        .option('contexts', {
          type: 'string',
          describe: 'Comma-separated kubeconfig contexts to spread students over',
        })
        .option('detail', {
          type: 'boolean',
          default: false,
          describe: 'Per-check columns in gradebook.csv',
        })
        .example('kubelab grade submissions/ --out graded/', 'grade a class')
        .example('kubelab grade submissions/ --out graded/ --resume', 'finish an interrupted run'),
    handler: (args) => {
      const concurrency = concurrencyOption(args.concurrency);
      let shard: Shard | undefined;
      try {
        shard = args.shard === undefined ? undefined : parseShard(args.shard);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const options: GradeOptions = {
        globals: globalOptions(args, ctx.io),
        submissionsDir: resolve(ctx.io.cwd, args.submissions),
        outDir: resolve(ctx.io.cwd, args.out),
        labs: list(args.labs),
        students: list(args.students),
        roster: args.roster === undefined ? undefined : resolve(ctx.io.cwd, args.roster),
        concurrency,
        timeoutMs: durationOption('--timeout', args.timeout),
        resume: args.resume,
        regrade: args.regrade,
        shard,
        contexts: list(args.contexts),
        detail: args.detail,
      };
      ctx.dispatch({ command: 'grade', options, run: () => runGrade(options, ctx) });
    },
  });

export default grade;
