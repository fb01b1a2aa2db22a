/** The errors a write gets once the reader of a pipe has gone away. */
const CLOSED_PIPE_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * A reader that closed its end (`kubelab list | head -1`) ends the output, not the command: the
 * write error is dropped instead of crashing with a stack trace, and the command still finishes
 * (cleanup included) and exits with its own code. Any other stream error stays fatal.
 */
export function endOutputOnClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && CLOSED_PIPE_CODES.has(error.code)) return;
    throw error;
  });
}
