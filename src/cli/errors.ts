/**
 * The errors the CLI itself raises. Errors from the other layers (cluster, model, runner) keep
 * their own classes; explain-error.ts turns every one of them into a message, a `try:` line and an
 * exit code.
 */

/** The command line asks for something impossible: bad option value, missing argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** What to run or change instead, shown on the `try:` line. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `kubelab start` would overwrite files the student changed. */
export class FileConflictError extends Error {
  override readonly name = 'FileConflictError';
  constructor(
    readonly dir: string,
    readonly files: readonly string[],
  ) {
    super(
      `${dir} already holds changed copies of ${files.join(', ')}; ` +
        `expected the starter files unchanged or absent, so nothing was overwritten`,
    );
  }
}

/** The run was interrupted with Ctrl-C (after the runner cleaned up). */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(what: string) {
    super(`${what} was interrupted (Ctrl-C); what it had created was cleaned up`);
  }
}
