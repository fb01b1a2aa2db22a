import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabIssue, sortLabIssues } from '../../model/lab-issue.js';
import type { LabIssue } from '../../model/lab-issue.js';
import { displayPath, listLabIds } from '../../model/labs-dir.js';
import { validateLabDir } from '../../catalogue/load-lab.js';
import { loadCheckKinds } from '../../catalogue/registry.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { commandHeads } from './heads.js';

export interface ValidateOptions {
  readonly globals: GlobalOptions;
  /** The directory validated: the positional argument or --labs-dir (one key, `labs-dir`). */
  readonly labsDir: string;
}

/** Validates every lab (schema, files, each check's params); prints `file:line: path: message`. */
export async function runValidate(options: ValidateOptions, ctx: CliContext): Promise<ExitCode> {
  const shown = displayPath(options.labsDir, ctx.io.cwd);
  if (!existsSync(options.labsDir)) {
    throw new UsageError(
      `labs directory ${shown} does not exist`,
      'kubelab validate <dir holding <lab>/lab.yaml>',
    );
  }
  const ids = await listLabIds(options.labsDir);
  const kinds = await loadCheckKinds();
  const issues: LabIssue[] = [];
  for (const id of ids)
    issues.push(...(await validateLabDir(join(options.labsDir, id), { kinds })).issues);
  const sorted = sortLabIssues(issues);
  for (const issue of sorted) ctx.io.stdout.write(`${formatLabIssue(issue)}\n`);
  const labs = `${ids.length} lab${ids.length === 1 ? '' : 's'}`;
  if (ids.length === 0) {
    ctx.io.stderr.write(`no labs in ${shown} (expected <id>/lab.yaml)\n`);
    return ExitCode.failed;
  }
  if (sorted.length === 0) {
    ctx.io.stderr.write(`${labs} in ${shown}: valid\n`);
    return ExitCode.ok;
  }
  const count = `${sorted.length} issue${sorted.length === 1 ? '' : 's'}`;
  ctx.io.stderr.write(`${labs} in ${shown}: ${count}\n`);
  return ExitCode.failed;
}

const validate: CommandFactory = (ctx) =>
  defineCommand<RawGlobals>({
    ...commandHeads.validate,
    builder: (cli) =>
      cli
        .positional('labs-dir', { type: 'string', describe: 'Labs directory (same as --labs-dir)' })
        .example('kubelab validate', 'the bundled labs')
        .example('kubelab validate ./my-labs', 'your own labs; exit 1 when an issue is found'),
    handler: (args) => {
      const globals = globalOptions(args, ctx.io);
      const options: ValidateOptions = { globals, labsDir: globals.labsDir };
      ctx.dispatch({ command: 'validate', options, run: () => runValidate(options, ctx) });
    },
  });

export default validate;
