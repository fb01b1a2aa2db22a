import { buildCli } from '../../../src/cli/app.js';
import type { CommandCall } from '../../../src/cli/command.js';
import { memoryIo } from '../../../src/cli/io.js';

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
  const cli = buildCli({ io: memoryIo({ env, cwd: '/work/here' }), dispatch: (c) => (call = c) });
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
