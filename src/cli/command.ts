import type { CommandModule } from 'yargs';
import type { ExitCode } from './exit-codes.js';
import type { RawGlobals } from './global-options.js';
import type { CliIo } from './io.js';

/**
 * yargs only parses: a command's handler turns its arguments into a typed options object and hands
 * a CommandCall to `dispatch`. runCli then runs it outside yargs (so errors reach one handler), and
 * parser tests record the call without running anything.
 */
export interface CommandCall<O = unknown> {
  readonly command: string;
  readonly options: O;
  run(): Promise<ExitCode>;
}

export interface CliContext {
  readonly io: CliIo;
  /** Aborted on Ctrl-C: every runner receives it, cleans up, and returns. */
  readonly signal: AbortSignal;
  dispatch(call: CommandCall): void;
}

/** A command as the app registers it (its own argument type erased). */
export type AnyCommand = CommandModule<RawGlobals, RawGlobals>;

/** Each src/cli/commands/<name>.ts default-exports one of these. */
export type CommandFactory = (ctx: CliContext) => AnyCommand;

/** Types a command module against its own arguments, then erases them for the commands list. */
export function defineCommand<U>(command: CommandModule<RawGlobals, U>): AnyCommand {
  return command as unknown as AnyCommand;
}
