/** Where a command writes, and what it knows of its surroundings: injectable so tests capture output. */
export interface OutputStream {
  write(text: string): void;
  /** true on a terminal: colours, the live progress display and the terminal report. */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when known. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  /** The directory relative paths (./kubelab-work, --out) are resolved against. */
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An io that keeps everything written, for tests. */
export function memoryIo(
  options: { env?: NodeJS.ProcessEnv; cwd?: string; isTTY?: boolean } = {},
): CliIo & {
  out(): string;
  err(): string;
} {
  let out = '';
  let err = '';
  const isTTY = options.isTTY ?? false;
  return {
    stdout: { write: (text) => void (out += text), isTTY },
    stderr: { write: (text) => void (err += text), isTTY },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
