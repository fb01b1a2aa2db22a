import { shippedLabIndex } from '../../catalogue/lab-index.js';
import { labSummaries } from '../../catalogue/lab-list.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { renderTable } from '../table.js';
import { commandHeads } from './heads.js';

export interface ListOptions {
  readonly globals: GlobalOptions;
  /** --json: one JSON array on stdout. */
  readonly json: boolean;
}

export async function runList(options: ListOptions, ctx: CliContext): Promise<ExitCode> {
  const summaries = await labSummaries(options.globals.labsDir, await shippedLabIndex());
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (summaries.length === 0) {
    ctx.io.stdout.write(`no labs in ${options.globals.labsDir} (expected <id>/lab.yaml)\n`);
    return ExitCode.ok;
  }
  const rows = summaries.map((lab) => [lab.id, lab.title, String(lab.points), String(lab.checks)]);
  ctx.io.stdout.write(
    renderTable(['ID', 'TITLE', 'POINTS', 'CHECKS'], rows, {
      boxed: ctx.io.stdout.isTTY === true,
      rightAligned: [2, 3],
    }),
  );
  return ExitCode.ok;
}

interface ListArgs extends RawGlobals {
  json: boolean;
}

const list: CommandFactory = (ctx) =>
  defineCommand<ListArgs>({
    ...commandHeads.list,
    builder: (cli) =>
      cli
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print a JSON array instead of a table',
        })
        .example('kubelab list', 'the bundled labs')
        .example('kubelab list --labs-dir ./my-labs --json', 'your own labs, as JSON'),
    handler: (args) => {
      const options: ListOptions = { globals: globalOptions(args, ctx.io), json: args.json };
      ctx.dispatch({ command: 'list', options, run: () => runList(options, ctx) });
    },
  });

export default list;
