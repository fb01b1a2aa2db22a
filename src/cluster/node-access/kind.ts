import { commandNodeAccess, processRunner } from './command-access.js';
import type { KindEngine } from './kind-engine.js';
import type { NodeAccess } from './node-access.js';
import { checkNodePath } from './paths.js';

/** One exec into the kind node takes at most this long. */
const KIND_COMMAND_TIMEOUT_MS = 30_000;

/**
 * Node files of a kind cluster: `<engine> exec -i <cluster>-control-plane …` (argv, no shell),
 * the engine being docker, podman or nerdctl (see kind-engine.ts; docker when not said).
 */
export function kindNodeAccess(options: {
  container: string;
  nodeName?: string;
  engine?: KindEngine;
}): NodeAccess {
  return commandNodeAccess({
    kind: 'kind',
    nodeName: options.nodeName ?? options.container,
    checkPath: checkNodePath,
    run: processRunner({
      file: options.engine ?? 'docker',
      args: (argv) => ['exec', '-i', options.container, ...argv],
      timeoutMs: KIND_COMMAND_TIMEOUT_MS,
    }),
  });
}
