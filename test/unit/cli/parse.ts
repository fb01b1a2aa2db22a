import { buildCli } from '../../../src/cli/app.js';
import type { CommandCall } from '../../../src/cli/command.js';
import { memoryIo } from '../../../src/cli/io.js';
import check from '../../../src/cli/commands/check.js';
import cleanup from '../../../src/cli/commands/cleanup.js';
import completion from '../../../src/cli/commands/completion.js';
import doctor from '../../../src/cli/commands/doctor.js';
import grade from '../../../src/cli/commands/grade.js';
import list from '../../../src/cli/commands/list.js';
import merge from '../../../src/cli/commands/merge.js';
import reset from '../../../src/cli/commands/reset.js';
import start from '../../../src/cli/commands/start.js';
import validate from '../../../src/cli/commands/validate.js';
import verify from '../../../src/cli/commands/verify.js';
import type { LoadedCommands } from '../../../src/cli/load-commands.js';

/**
 * Every command, imported statically: under mocha the test files are loaded through require, and a
 * module loaded by the CLI's own `import()` would be a second copy, with error classes that fail
 * `instanceof` against the ones the tests import.
 */
export const allCommands: LoadedCommands = new Map([
  ['check', check],
  ['cleanup', cleanup],
  ['completion', completion],
  ['doctor', doctor],
  ['grade', grade],
  ['list', list],
  ['merge', merge],
  ['reset', reset],
  ['start', start],
  ['validate', validate],
  ['verify', verify],
] as const);

/** What parsing one command line produced: the dispatched call (nothing run), output, error. */
export interface Parsed {
  readonly call: CommandCall | undefined;
  readonly output: string;
  readonly error: unknown;
}

/** Parses argv with a fresh parser; handlers only record their call, nothing runs or exits. */
export async function parse(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Parsed> {
  let call: CommandCall | undefined;
  let output = '';
  let error: unknown;
  const cli = buildCli({
    io: memoryIo({ env, cwd: '/work/here' }),
    dispatch: (c) => (call = c),
    commands: allCommands,
  });
  try {
    await cli.parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (caught) {
    error = caught;
  }
  return { call, output, error };
}

/** The options object the command's handler built (throws if nothing was dispatched). */
export async function optionsOf<T>(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const parsed = await parse(argv, env);
  if (parsed.call === undefined) {
    throw new Error(
      `no command dispatched for ${argv.join(' ')}: ${String(parsed.error)} ${parsed.output}`,
    );
  }
  return parsed.call.options as T;
}
