import { loadLab } from '../../model/load-lab.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { connectCluster } from '../connect-cluster.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { resetLab } from '../reset-lab.js';
import { commandHeads } from './heads.js';

export interface ResetOptions {
  readonly globals: GlobalOptions;
  readonly labId: string;
}

export async function runReset(options: ResetOptions, ctx: CliContext): Promise<ExitCode> {
  const { lab } = await loadLab(options.labId, { labsDir: options.globals.labsDir });
  const { cluster } = await connectCluster(options.globals, ctx);
  const { namespace, deleted } = await resetLab({ cluster, lab, signal: ctx.signal });
  for (const object of deleted) ctx.io.stdout.write(`deleted ${object}\n`);
  ctx.io.stdout.write(
    `namespace ${namespace} is empty again; your files in kubelab-work/ are untouched\n`,
  );
  return ExitCode.ok;
}

interface ResetArgs extends RawGlobals {
  lab: string;
}

const reset: CommandFactory = (ctx) =>
  defineCommand<ResetArgs>({
    ...commandHeads.reset,
    builder: (cli) =>
      cli
        .positional('lab', {
          type: 'string',
          demandOption: true,
          describe: 'Lab id (see kubelab list)',
        })
        .example('kubelab reset probes', 'start the probes lab over in an empty namespace'),
    handler: (args) => {
      const options: ResetOptions = { globals: globalOptions(args, ctx.io), labId: args.lab };
      ctx.dispatch({ command: 'reset', options, run: () => runReset(options, ctx) });
    },
  });

export default reset;
