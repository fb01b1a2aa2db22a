import type { AnyCommand, CommandFactory } from './command.js';
import { commandEntries } from './commands/index.js';
import type { CommandName } from './commands/heads.js';
import { commandHeads } from './commands/heads.js';

/** The command modules a parser was built with, by name; the others are heads only. */
export type LoadedCommands = ReadonlyMap<CommandName, CommandFactory>;

/**
 * Loads the modules of the commands a command line names (any word of argv equal to a command
 * name: the command itself, or the one a completion request is completing). `--help`,
 * `--version`, `completion` and completing a command name load none.
 */
export async function loadCommands(argv: readonly string[]): Promise<LoadedCommands> {
  const words = new Set(argv);
  return loadEntries(commandEntries.filter((entry) => words.has(entry.name)));
}

async function loadEntries(entries: typeof commandEntries): Promise<LoadedCommands> {
  const loaded = await Promise.all(
    entries.map(async (entry) => [entry.name, await entry.load()] as const),
  );
  return new Map(loaded);
}

/**
 * A command that was not loaded: enough for `kubelab --help` to list it. Running it means
 * loadCommands missed its name, a bug, so it says so instead of doing nothing.
 */
export function commandStub(name: CommandName): AnyCommand {
  return {
    ...commandHeads[name],
    handler: () => {
      throw new Error(`kubelab: the module of command "${name}" was not loaded`);
    },
  };
}
