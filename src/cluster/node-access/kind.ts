import { execa } from 'execa';
import { commandNodeAccess, type CommandResult } from './command-access.js';
import type { NodeAccess } from './node-access.js';
import { checkNodePath } from './paths.js';

/** One docker exec into the kind node takes at most this long. */
const KIND_COMMAND_TIMEOUT_MS = 30_000;

/** Node files of a kind cluster: `docker exec -i <cluster>-control-plane …` (argv, no shell). */
export function kindNodeAccess(options: { container: string; nodeName?: string }): NodeAccess {
  return commandNodeAccess({
    kind: 'kind',
    nodeName: options.nodeName ?? options.container,
    checkPath: checkNodePath,
    async run(argv, { input, signal }): Promise<CommandResult> {
      const result = await execa('docker', ['exec', '-i', options.container, ...argv], {
        input,
        reject: false,
        cancelSignal: signal,
        timeout: KIND_COMMAND_TIMEOUT_MS,
        stripFinalNewline: false,
      });
      return {
        exitCode: result.exitCode ?? 1,
        stdout: String(result.stdout),
        stderr: String(result.stderr),
      };
    },
  });
}
