import { resolve } from 'node:path';
import { displayPath } from '../../model/labs-dir.js';
import { loadLab } from '../../catalogue/load-lab.js';
import { scopeFor } from '../../model/scope.js';
import { describeOutcome } from '../../runner/apply-manifests.js';
import { labSession } from '../../session/lab-session.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { connectCluster } from '../connect-cluster.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { labWorkspaceFiles, writeWorkspace } from '../workspace.js';
import { commandHeads } from './heads.js';

export interface StartOptions {
  readonly globals: GlobalOptions;
  readonly labId: string;
  /** --dir: where the instructions and starter go (default ./kubelab-work/<lab>). */
  readonly dir: string | undefined;
  /** --force: replace files the student changed. */
  readonly force: boolean;
  /** --apply: apply the starter manifests into the namespace. */
  readonly apply: boolean;
}

/** Creates the lab namespace, copies README + starter into the work directory, optionally applies it. */
export async function runStart(options: StartOptions, ctx: CliContext): Promise<ExitCode> {
  const loaded = await loadLab(options.labId, { labsDir: options.globals.labsDir });
  const { lab } = loaded;
  const { cluster, info } = await connectCluster(options.globals, ctx);
  const scope = scopeFor(lab.id);
  const dir = resolve(ctx.io.cwd, options.dir ?? `kubelab-work/${lab.id}`);
  const shown = displayPath(dir, ctx.io.cwd);
  const files = await labWorkspaceFiles(loaded);
  const written = await writeWorkspace(dir, files, { force: options.force });
  // `start` installs no node files (node: undefined), as before the session: it only prepares and applies.
  const session = labSession({ cluster, loaded, scope, node: undefined, signal: ctx.signal });
  await session.prepare();
  const out = ctx.io.stdout;
  out.write(`${lab.title}\n\n`);
  out.write(`namespace  ${scope.namespace} (context ${info.context})\n`);
  out.write(`files      ${shown}/: ${files.map((f) => f.path).join(', ')}\n`);
  if (written.replaced.length > 0)
    out.write(`replaced   ${written.replaced.join(', ')} (--force)\n`);
  let exitCode: ExitCode = ExitCode.ok;
  if (options.apply) {
    const outcomes = await session.apply({
      dir: loaded.starterDir,
      label: 'starter',
      nodeFiles: false,
    });
    out.write('\napplied the starter:\n');
    for (const outcome of outcomes) out.write(`  ${describeOutcome(outcome)}\n`);
    if (outcomes.some((outcome) => outcome.status !== 'applied')) exitCode = ExitCode.failed;
  }
  out.write(
    `\nnext steps:\n` +
      `  1. read ${shown}/README.md (en français : ${shown}/README.fr.md)\n` +
      `  2. edit the manifests in ${shown}/ and apply them: kubectl -n ${scope.namespace} apply -f ${shown}/\n` +
      `  3. check your work: kubelab check ${lab.id}\n` +
      `  start over with: kubelab reset ${lab.id}\n`,
  );
  return exitCode;
}

interface StartArgs extends RawGlobals {
  lab: string;
  dir?: string;
  force: boolean;
  apply: boolean;
}

const start: CommandFactory = (ctx) =>
  defineCommand<StartArgs>({
    ...commandHeads.start,
    builder: (cli) =>
      cli
        .positional('lab', {
          type: 'string',
          demandOption: true,
          describe: 'Lab id (see kubelab list)',
        })
        .option('dir', {
          type: 'string',
          describe: 'Where to write the files (default ./kubelab-work/<lab>)',
        })
        .option('force', {
          type: 'boolean',
          default: false,
          describe: 'Replace files you changed with the starter',
        })
        .option('apply', {
          type: 'boolean',
          default: false,
          describe: 'Also apply the starter manifests',
        })
        .example(
          'kubelab start probes',
          'namespace kubelab-probes, files in ./kubelab-work/probes/',
        )
        .example('kubelab start probes --apply', 'and apply the starter manifests'),
    handler: (args) => {
      const options: StartOptions = {
        globals: globalOptions(args, ctx.io),
        labId: args.lab,
        dir: args.dir,
        force: args.force,
        apply: args.apply,
      };
      ctx.dispatch({ command: 'start', options, run: () => runStart(options, ctx) });
    },
  });

export default start;
