import type { CheckContext, ExecResult } from '../../../src/check-api/index.js';

/** One command in a container is quick (a psql or mariadb statement, a file write): 30 s covers a loaded node. */
export const EXEC_TIMEOUT_MS = 30_000;

export interface ExecInOptions {
  readonly pod: string;
  readonly container?: string | undefined;
  /** argv; values the grader did not make itself are passed as separate words, never in a shell string. */
  readonly command: readonly string[];
  readonly timeoutMs?: number;
}

export function execIn(ctx: CheckContext, options: ExecInOptions): Promise<ExecResult> {
  return ctx.cluster.exec({
    namespace: ctx.scope.namespace,
    pod: options.pod,
    ...(options.container === undefined ? {} : { container: options.container }),
    command: options.command,
    timeoutMs: options.timeoutMs ?? EXEC_TIMEOUT_MS,
    signal: ctx.signal,
  });
}

/** `exit 1: ERROR: relation "x" does not exist` — the first lines of what a command said. */
export function describeExec(result: ExecResult): string {
  const said = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(0, 3).join(' / ');
  return `exit ${result.exitCode}${said === '' ? '' : `: ${said}`}`;
}

/**
 * Writes `content` to `path` inside a container with sh (busybox or Debian), as argv: the path and
 * content are positional parameters of a fixed script, never spliced into it.
 */
export function writeFileCommand(path: string, content: string): string[] {
  return ['sh', '-c', 'printf %s "$1" > "$2" && cat "$2"', 'kubelab-write', content, path];
}

export function readFileCommand(path: string): string[] {
  return ['cat', '--', path];
}

export function removeFileCommand(path: string): string[] {
  return ['rm', '-f', '--', path];
}
