import { execa } from 'execa';
import { commandNodeAccess, type CommandResult } from './command-access.js';
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
    async run(argv, { input, signal }): Promise<CommandResult> {
      const remote = ['sudo', ...argv].map(shellQuote);
      const result = await execa('minikube', ['-p', options.profile, 'ssh', '--', ...remote], {
        input,
        reject: false,
        cancelSignal: signal,
        timeout: MINIKUBE_COMMAND_TIMEOUT_MS,
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
