import { commandNodeAccess, processRunner } from './command-access.js';
import type { NodeAccess } from './node-access.js';
import { checkRemotePath, shellQuote } from './paths.js';

/** A node command over minikube ssh takes at most this long (ssh setup included). */
const MINIKUBE_COMMAND_TIMEOUT_MS = 60_000;

/**
 * Node files of a minikube profile through `minikube -p <profile> ssh -- sudo …`. minikube joins
 * the argv into a remote command line, so every argument is shell-quoted and paths are limited to
 * a plain charset. Writes go through stdin (`sudo tee`).
 */
export function minikubeNodeAccess(options: { profile: string; nodeName: string }): NodeAccess {
  return commandNodeAccess({
    kind: 'minikube',
    nodeName: options.nodeName,
    checkPath: checkRemotePath,
    run: processRunner({
      file: 'minikube',
      args: (argv) => ['-p', options.profile, 'ssh', '--', ...['sudo', ...argv].map(shellQuote)],
      timeoutMs: MINIKUBE_COMMAND_TIMEOUT_MS,
    }),
  });
}
