import { causeChain, explainError } from './explain-error.js';
import type { ExitCode } from './exit-codes.js';

/**
 * The one top-level rendering of a failure: `kubelab: <message>` and a `try:` line; with --debug,
 * the whole cause chain with stacks below.
 */
export function formatError(
  error: unknown,
  options: { debug: boolean },
): { text: string; exitCode: ExitCode } {
  const explained = explainError(error);
  const lines = [`kubelab: ${explained.message}`];
  if (explained.tryLine !== undefined) lines.push(`try: ${explained.tryLine}`);
  if (options.debug) {
    causeChain(error).forEach((item, index) => {
      const label = index === 0 ? 'error' : `cause ${index}`;
      if (item instanceof Error) {
        lines.push(`--- ${label}: ${item.name}`, item.stack ?? `${item.name}: ${item.message}`);
      } else {
        lines.push(`--- ${label}: ${String(item)}`);
      }
    });
  }
  return { text: `${lines.join('\n')}\n`, exitCode: explained.exitCode };
}
