import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_FILE } from '../model/labs-dir.js';

/** Commands whose first positional is a lab id. */
const LAB_COMMANDS = new Set(['start', 'check', 'reset', 'verify']);

type Done = (completions: string[]) => void;
type Filter = (
  onCompleted?: (error: Error | null, completions: string[] | undefined) => void,
) => void;

/**
 * Shell completion: yargs' own (commands, options), plus the lab ids after `start`, `check`,
 * `reset` and `verify`, read from the labs directory (--labs-dir on the line, else the default).
 */
export function labIdCompletion(defaultLabsDir: () => string) {
  return (
    current: string,
    argv: { _?: unknown[]; 'labs-dir'?: unknown },
    completionFilter: Filter,
    done: Done,
  ): void => {
    completionFilter((_error, defaults) => {
      // The shell passes the whole line, program name first: [kubelab, check, <lab being typed>].
      const words = (argv._ ?? []).map(String);
      const at = words.findIndex((word) => LAB_COMMANDS.has(word));
      if (at === -1 || words.length - at > 2 || current.startsWith('-')) {
        done(defaults ?? []);
        return;
      }
      const dir = typeof argv['labs-dir'] === 'string' ? argv['labs-dir'] : defaultLabsDir();
      done([...(defaults ?? []), ...labIdsSync(dir).filter((id) => id.startsWith(current))]);
    });
  };
}

/**
 * Lab ids in `dir`, read synchronously: yargs collects completions only until its parse returns,
 * so an asynchronous read would arrive too late. Unreadable directories complete nothing.
 */
function labIdsSync(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, LAB_FILE)))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
