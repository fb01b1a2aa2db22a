import type { Argv } from 'yargs';
import { UsageError } from './errors.js';

/**
 * Global options a user may repeat: the last one wins, as in kubectl (see global-options.ts).
 * Every other option that is not declared `array` takes one value.
 */
const LAST_WINS = new Set(['kubeconfig', 'context', 'labs-dir', 'node-access']);

/** yargs' own view of the options declared so far (present at run time, missing from its types). */
interface DeclaredOptions {
  getOptions(): { readonly array: readonly string[] };
}

/**
 * Refuses a single-value option given more than once (`--out a --out b`) with a UsageError naming
 * it, before any command runs; yargs would otherwise hand the command an array.
 */
export function refuseRepeatedOptions<T>(cli: Argv<T>): Argv<T> {
  return cli.middleware((argv) => {
    const arrays = new Set((cli as unknown as DeclaredOptions).getOptions().array);
    const repeated = Object.keys(argv)
      // yargs sets both `labs-dir` and `labsDir`: look at the spelling users type only.
      .filter((key) => key !== '_' && key !== '$0' && key === key.toLowerCase())
      .filter((key) => Array.isArray(argv[key]) && !arrays.has(key) && !LAST_WINS.has(key))
      .sort();
    const first = repeated[0];
    if (first === undefined) return;
    const values = (argv[first] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    throw new UsageError(
      `--${first} was given ${(argv[first] as unknown[]).length} times (${values}); expected it once`,
      `keep one --${first}`,
    );
  }, true);
}
