import { execa } from 'execa';
import { join } from 'node:path';
import { REPO_ROOT, TEST_CONTEXT } from '../support/index.js';

export interface KubelabRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/**
 * Starts the real binary (`node bin/kubelab.js … --context <test context>` unless args name one)
 * in `cwd` as a child the test can signal; it never rejects. No time limit unless `timeoutMs`.
 */
export function spawnKubelab(
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; cancelSignal?: AbortSignal },
) {
  const context = args.includes('--context') ? [] : ['--context', TEST_CONTEXT];
  return execa('node', [join(REPO_ROOT, 'bin', 'kubelab.js'), ...args, ...context], {
    cwd: options.cwd,
    reject: false,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.cancelSignal === undefined ? {} : { cancelSignal: options.cancelSignal }),
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

/** Runs the real binary to its end (see spawnKubelab), 300 s at most unless `timeoutMs`. */
export async function kubelab(
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; cancelSignal?: AbortSignal },
): Promise<KubelabRun> {
  const started = Date.now();
  const result = await spawnKubelab(args, {
    ...options,
    timeoutMs: options.timeoutMs ?? 300_000,
  });
  return {
    exitCode: result.exitCode ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    seconds: (Date.now() - started) / 1000,
  };
}

/** A failed assertion shows what the command printed. */
export function transcript(run: KubelabRun): string {
  return `exit ${run.exitCode} after ${run.seconds.toFixed(1)}s\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
