import { loadLab } from '../../catalogue/load-lab.js';
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
  const loaded = await loadLab(options.labId, { labsDir: options.globals.labsDir });
  const { cluster } = await connectCluster(options.globals, ctx);
  const result = await resetLab({
    cluster,
    loaded,
    nodeAccess: options.globals.nodeAccess,
    signal: ctx.signal,
  });
  const out = ctx.io.stdout;
  for (const object of result.deleted) out.write(`deleted ${object}\n`);
  for (const note of result.left) out.write(`${note}\n`);
  for (const stuck of result.stuck) out.write(`stuck   ${stuck.object}: ${stuck.reason}\n`);
  if (result.stuck.length > 0) {
    ctx.io.stderr.write(
      `kubelab: ${result.stuck.length} object(s) still terminating after the deadline, so ${result.namespace} was not created again\n` +
        `try: \`kubectl get <object> -o yaml\` for its finalizers, then \`kubelab reset ${options.labId}\` again\n`,
    );
    return ExitCode.failed;
  }
  out.write(
    `namespace ${result.namespace} is empty again; your files in kubelab-work/ are untouched\n`,
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
