import yargs from 'yargs';
import type { Argv } from 'yargs';
import { commandEntries } from './commands/index.js';
import type { CliContext, CommandCall } from './command.js';
import { labIdCompletion } from './completion.js';
import { COMPLETION_FLAG } from './completion-script.js';
import { UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { addGlobalOptions, globalOptions } from './global-options.js';
import type { RawGlobals } from './global-options.js';
import type { CliIo } from './io.js';
import { commandStub, loadCommands, type LoadedCommands } from './load-commands.js';
import { kubelabVersion } from './package-info.js';
import { refuseRepeatedOptions } from './single-value-options.js';

export interface BuildCliOptions {
  readonly io: CliIo;
  /** Receives the parsed command; runCli runs it, tests only record it. */
  readonly dispatch: (call: CommandCall) => void;
  /** Default: a signal that never aborts. */
  readonly signal?: AbortSignal;
  /** The command modules to build in full (loadCommands); the others are listed by their head. */
  readonly commands: LoadedCommands;
}

/** The hidden name of yargs' own completion-script command, replaced by `completion [shell]`. */
const YARGS_SCRIPT_COMMAND = 'yargs-completion-script';

/** The `kubelab` parser: global options, every command, help, version, completion. Runs nothing. */
export function buildCli(options: BuildCliOptions): Argv<RawGlobals> {
  const ctx: CliContext = {
    io: options.io,
    signal: options.signal ?? new AbortController().signal,
    dispatch: options.dispatch,
  };
  let cli = refuseRepeatedOptions(addGlobalOptions(yargs().scriptName('kubelab'), options.io))
    .usage(
      'kubelab <command> [options]\n\nGrade hands-on Kubernetes labs with live checks against a real cluster.',
    )
    .strict()
    .demandCommand(1, 'expected a command: kubelab <command> (see kubelab --help)')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(kubelabVersion())
    .wrap(Math.min(110, options.io.stdout.columns ?? 100))
    .epilogue(
      'Exit codes: 0 pass, 1 below the pass mark or issues found, 2 could not run, 130 interrupted.',
    )
    .fail((message, error) => {
      // A yargs validation message (unknown option, missing argument): a usage error.
      throw error ?? new UsageError(message, 'kubelab --help, or kubelab <command> --help');
    });
  for (const { name } of commandEntries) {
    const factory = options.commands.get(name);
    cli = cli.command(factory === undefined ? commandStub(name) : factory(ctx));
  }
  // yargs answers the scripts' completion requests (COMPLETION_FLAG); its own script command is
  // hidden: `kubelab completion [shell]` (commands/completion.ts) prints ours, for bash, zsh, fish.
  return cli.completion(
    YARGS_SCRIPT_COMMAND,
    false,
    labIdCompletion(() => globalOptions({ debug: false, color: false }, options.io).labsDir),
  );
}

export interface RunCliOptions {
  readonly argv: readonly string[];
  readonly io: CliIo;
  readonly signal?: AbortSignal;
}

/** Parses argv, runs the command, prints any failure once; returns the exit code (never exits). */
export async function runCli(options: RunCliOptions): Promise<number> {
  const { io } = options;
  let call: CommandCall | undefined;
  let output = '';
  const debug = options.argv.includes('--debug');
  const cli = buildCli({
    io,
    signal: options.signal,
    dispatch: (parsed) => (call = parsed),
    commands: await loadCommands(options.argv),
  });
  try {
    await cli.parseAsync([...options.argv], {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    // Shell completion: yargs wrote the candidates, then its strict check trips on the flag itself.
    if (options.argv[0] === COMPLETION_FLAG && output !== '') {
      io.stdout.write(`${output}\n`);
      return ExitCode.ok;
    }
    return reportFailure(error, { io, debug });
  }
  if (call === undefined) {
    // --help, --version: yargs produced the output and nothing else runs.
    if (output !== '') io.stdout.write(`${output}\n`);
    return ExitCode.ok;
  }
  try {
    return await call.run();
  } catch (error) {
    return reportFailure(error, { io, debug });
  }
}

/** Prints a failure once. Its explainer (YAML, cluster and lab errors) loads only when one fails. */
async function reportFailure(
  error: unknown,
  { io, debug }: { readonly io: CliIo; readonly debug: boolean },
): Promise<number> {
  const { formatError } = await import('./report-error.js');
  const failure = formatError(error, { debug });
  io.stderr.write(failure.text);
  return failure.exitCode;
}
