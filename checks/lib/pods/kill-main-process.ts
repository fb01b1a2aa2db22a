import type { CheckContext, ExecResult } from '../../../src/check-api/index.js';

/** One exec should answer within seconds; ten covers a loaded node. */
export const KILL_EXEC_TIMEOUT_MS = 10_000;

/**
 * How the grader asks PID 1 to end, as argv (never a shell string built from input): SIGTERM, then
 * SIGKILL; each through a `kill` binary, or the shell's builtin when the image has no `kill`. Note
 * that the kernel drops any signal PID 1 has no handler for when it comes from inside its own PID
 * namespace (SIGKILL included), so a main process without a SIGTERM handler survives both.
 */
export const KILL_SIGNALS: readonly {
  readonly signal: string;
  readonly commands: readonly (readonly string[])[];
}[] = [
  {
    signal: 'SIGTERM',
    commands: [
      ['kill', '1'],
      ['/bin/sh', '-c', 'kill 1'],
    ],
  },
  {
    signal: 'SIGKILL',
    commands: [
      ['kill', '-9', '1'],
      ['/bin/sh', '-c', 'kill -9 1'],
    ],
  },
];

export type KillAttempt =
  | { readonly outcome: 'sent'; readonly command: readonly string[] }
  /** The binary is not in the image. */
  | { readonly outcome: 'not-found'; readonly command: readonly string[]; readonly detail: string }
  /** It ran and refused (non-zero exit with a message). */
  | { readonly outcome: 'failed'; readonly command: readonly string[]; readonly detail: string };

const NOT_FOUND = /not found|no such file|executable file|permission denied/i;

/** Runs one kill command; a stream that breaks because the container died counts as sent. */
export async function sendKill(
  ctx: CheckContext,
  target: { pod: string; container: string },
  command: readonly string[],
): Promise<KillAttempt> {
  let result: ExecResult;
  try {
    result = await ctx.cluster.exec({
      namespace: ctx.scope.namespace,
      pod: target.pod,
      container: target.container,
      command,
      timeoutMs: KILL_EXEC_TIMEOUT_MS,
      signal: ctx.signal,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    // The container dying under the exec session closes it abruptly: the kill got through.
    return NOT_FOUND.test(detail)
      ? { outcome: 'not-found', command, detail }
      : { outcome: 'sent', command };
  }
  if (
    result.exitCode === 0 ||
    result.exitCode === -1 ||
    result.exitCode === 137 ||
    result.exitCode === 143
  ) {
    return { outcome: 'sent', command };
  }
  const detail = `exit code ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`;
  if (result.exitCode === 126 || result.exitCode === 127 || NOT_FOUND.test(result.stderr)) {
    return { outcome: 'not-found', command, detail };
  }
  return { outcome: 'failed', command, detail };
}
