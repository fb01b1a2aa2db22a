import { execa } from 'execa';
import { join } from 'node:path';
import { REPO_ROOT, TEST_CONTEXT } from '../support/index.js';

export interface KubelabRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs the real binary (`node bin/kubelab.js … --context <test context>` unless args name one) in `cwd`, never rejecting. */
export async function kubelab(
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; cancelSignal?: AbortSignal },
): Promise<KubelabRun> {
  const started = Date.now();
  const context = args.includes('--context') ? [] : ['--context', TEST_CONTEXT];
  const result = await execa('node', [join(REPO_ROOT, 'bin', 'kubelab.js'), ...args, ...context], {
    cwd: options.cwd,
    reject: false,
    timeout: options.timeoutMs ?? 300_000,
    ...(options.cancelSignal === undefined ? {} : { cancelSignal: options.cancelSignal }),
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
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
