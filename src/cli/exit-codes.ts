/**
 * The process exit codes kubelab promises (scripts and CI rely on them):
 *
 * | code | meaning                                                                  |
 * | ---- | ------------------------------------------------------------------------ |
 * | 0    | success: the score reached the pass mark, the labs are valid, verify ok   |
 * | 1    | below the pass mark, validation issues, a verify mismatch, a doctor ✗     |
 * | 2    | the command could not run: usage, unknown lab, bad YAML, cluster problems |
 * | 130  | interrupted with Ctrl-C (128 + SIGINT), after cleanup                     |
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  error: 2,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
