import type { CheckContext } from '../../../src/check-api/index.js';

/** One command the grader runs in a student's container: seconds, or the container is stuck. */
export const GRADER_EXEC_TIMEOUT_MS = 15_000;

/** A command the grader needed to run (to break or restore something) failed: no verdict possible. */
export class GraderCommandError extends Error {
  override readonly name = 'GraderCommandError';
  constructor(
    readonly pod: string,
    readonly command: readonly string[],
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(
      `the grader could not run \`${command.join(' ')}\` in pod ${pod} (exit code ${exitCode}${output ? `: ${output.trim().slice(0, 200)}` : ''}); ` +
        'the container must keep the image the exercise gives (with its shell and tools)',
    );
  }
}

/** Runs an argv in a pod's container; throws GraderCommandError unless it exits 0. */
export async function graderExec(
  ctx: CheckContext,
  target: { pod: string; container?: string | undefined; command: readonly string[] },
): Promise<string> {
  const result = await ctx.cluster.exec({
    namespace: ctx.scope.namespace,
    pod: target.pod,
    ...(target.container === undefined ? {} : { container: target.container }),
    command: target.command,
    timeoutMs: GRADER_EXEC_TIMEOUT_MS,
    signal: ctx.signal,
  });
  if (result.exitCode !== 0)
    throw new GraderCommandError(
      target.pod,
      target.command,
      result.exitCode,
      result.stderr || result.stdout,
    );
  return result.stdout;
}

/** The same, for finally blocks: never throws, ignores an aborted check (the restore must still run). */
export async function graderExecQuietly(
  ctx: CheckContext,
  target: { pod: string; container?: string | undefined; command: readonly string[] },
): Promise<void> {
  try {
    await ctx.cluster.exec({
      namespace: ctx.scope.namespace,
      pod: target.pod,
      ...(target.container === undefined ? {} : { container: target.container }),
      command: target.command,
      timeoutMs: GRADER_EXEC_TIMEOUT_MS,
    });
  } catch {
    // The pod may be gone or restarted (which restores it too); nothing more to do.
  }
}
