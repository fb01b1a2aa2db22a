import type { AnyCommand, CommandFactory } from './command.js';
import { commandEntries } from './commands/index.js';
import type { CommandName } from './commands/heads.js';
import { commandHeads } from './commands/heads.js';
import { COMPLETION_FLAG } from './completion-script.js';

/** The command modules a parser was built with, by name; the others are heads only. */
export type LoadedCommands = ReadonlyMap<CommandName, CommandFactory>;

/**
 * Loads the modules of the commands a command line names (any word of argv equal to a command
 * name: the command itself, or the one a completion request is completing). `--help`,
 * `--version`, and completing a command name or a lab id load none.
 */
export async function loadCommands(argv: readonly string[]): Promise<LoadedCommands> {
  const words = new Set(argv);
  const wordOnly = completingAWord(argv);
  return loadEntries(
    commandEntries.filter(
      (entry) => words.has(entry.name) && (!wordOnly || LIGHT_COMMANDS.has(entry.name)),
    ),
  );
}

/** Commands whose module loads nothing heavy: loaded even to complete a word (their choices). */
const LIGHT_COMMANDS: ReadonlySet<CommandName> = new Set(['completion']);

/**
 * A completion request for a word already begun that is not an option (`kubelab check pr<TAB>`):
 * the candidates are command names or lab ids, which the heads and the labs directory give, so the
 * module of a heavy command (its options) is not needed.
 */
function completingAWord(argv: readonly string[]): boolean {
  const current = argv.at(-1) ?? '';
  return (
    argv[0] === COMPLETION_FLAG && argv.length > 2 && current !== '' && !current.startsWith('-')
  );
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
