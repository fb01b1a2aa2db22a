import { commandNodeAccess, processRunner } from './command-access.js';
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
    run: processRunner({
      file: 'docker',
      args: (argv) => ['exec', '-i', options.container, ...argv],
      timeoutMs: KIND_COMMAND_TIMEOUT_MS,
    }),
  });
}
