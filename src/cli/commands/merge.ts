import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { journalPath } from '../../batch/journal/journal.js';
import {
  JournalReadError,
  mergeJournals,
  writeMergedJournal,
} from '../../batch/outputs/merge-journals.js';
import type { LabInfo } from '../../batch/outputs/lab-columns.js';
import { prepareOutputDir } from '../../batch/outputs/output-dir.js';
import { writeGradingOutputs } from '../../batch/outputs/write-outputs.js';
import { displayPath } from '../../model/labs-dir.js';
import { loadLab } from '../../catalogue/load-lab.js';
import type { Audience } from '../../report/audience.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { commandHeads } from './heads.js';

export interface MergeOptions {
  readonly globals: GlobalOptions;
  /** Journal files, or grading output directories holding journal.jsonl (absolute). */
  readonly journals: readonly string[];
  /** --out: where the merged journal and every output are written (absolute). */
  readonly out: string;
  /** --detail: per-check columns in gradebook.csv. Default false. */
  readonly detail: boolean;
  /** --audience: who reads the feedback pages. Default student (hidden checks left out). */
  readonly audience: Audience;
}

/**
 * `kubelab merge`: merges the journals of several graders (shards, contexts, an Indexed Job's
 * pods) — the entry that finished last per (student, lab) wins — then writes the merged
 * journal.jsonl and every grading output into --out. Needs no cluster.
 */
export async function runMerge(options: MergeOptions, ctx: CliContext): Promise<ExitCode> {
  await prepareOutputDir(options.out);
  const paths = await Promise.all(options.journals.map(journalFile));
  const merged = await mergeJournals(paths).catch((error: unknown) => {
    if (!(error instanceof JournalReadError)) throw error;
    throw new UsageError(
      error.message,
      'kubelab merge results/shard-*/journal.jsonl --out results/all',
      { cause: error },
    );
  });
  for (const source of merged.sources) {
    const torn = source.skippedLines.length;
    const skipped =
      torn === 0
        ? ''
        : `, ${torn} torn or invalid line${torn === 1 ? '' : 's'} skipped (${source.skippedLines.join(', ')})`;
    ctx.io.stderr.write(
      `${displayPath(source.path, ctx.io.cwd)}: ${source.entries} entries${skipped}\n`,
    );
  }
  if (merged.entries.length === 0) {
    ctx.io.stderr.write('no graded entries in these journals; nothing written\n');
    return ExitCode.failed;
  }
  const labs = await labsOf(
    merged.entries.map((entry) => entry.labId),
    options.globals.labsDir,
    ctx,
  );
  await writeMergedJournal(options.out, merged.entries);
  const written = await writeGradingOutputs({
    entries: merged.entries,
    labs,
    outDir: options.out,
    detail: options.detail,
    audience: options.audience,
  });
  ctx.io.stderr.write(
    `merged ${merged.entries.length} (student, lab) results of ${written.students} students from ${paths.length} journal${paths.length === 1 ? '' : 's'} (${merged.superseded} superseded)\n`,
  );
  ctx.io.stdout.write(`${displayPath(options.out, ctx.io.cwd)}\n`);
  return ExitCode.ok;
}

/** A directory stands for the journal.jsonl inside it. */
async function journalFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() === true ? journalPath(path) : path;
}

/** The labs the entries name, from the labs directory; a lab it no longer holds is described from its reports. */
async function labsOf(
  ids: readonly string[],
  labsDir: string,
  ctx: CliContext,
): Promise<LabInfo[]> {
  const labs: LabInfo[] = [];
  for (const id of [...new Set(ids)].sort()) {
    try {
      labs.push((await loadLab(id, { labsDir })).lab);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      ctx.io.stderr.write(`lab ${id}: described from the journal (${why.split('\n')[0] ?? ''})\n`);
    }
  }
  return labs;
}

interface MergeArgs extends RawGlobals {
  journals: string[];
  out: string;
  detail: boolean;
  audience: Audience;
}

const merge: CommandFactory = (ctx) =>
  defineCommand<MergeArgs>({
    ...commandHeads.merge,
    builder: (cli) =>
      cli
        .positional('journals', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'journal.jsonl files, or grading output directories holding one',
        })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'Directory for the merged journal, gradebook.csv, results.json, feedback/ …',
        })
        .option('detail', {
          type: 'boolean',
          default: false,
          describe: 'Add one gradebook column per check (<lab>/<check>)',
        })
        .option('audience', {
          choices: ['student', 'instructor'] as const,
          default: 'student' as const,
          describe: 'Who reads feedback/: students (hidden checks left out) or the instructor',
        })
        .example('kubelab merge results/shard-* --out results/all', 'merge every shard of a run'),
    handler: (args) => {
      const options: MergeOptions = {
        globals: globalOptions(args, ctx.io),
        journals: args.journals.map((path) => resolve(ctx.io.cwd, path)),
        out: resolve(ctx.io.cwd, args.out),
        detail: args.detail,
        audience: args.audience,
      };
      ctx.dispatch({ command: 'merge', options, run: () => runMerge(options, ctx) });
    },
  });

export default merge;
