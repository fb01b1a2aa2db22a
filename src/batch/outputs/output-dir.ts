import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** --out cannot hold kubelab's outputs: it is not a directory, or files cannot be created in it. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
  constructor(
    readonly dir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `cannot write the outputs to ${dir}: ${reason}; expected a directory kubelab can create files in, so nothing was graded`,
      options,
    );
  }
}

/** The probe file's name: hidden, and unique to this process so two graders never share it. */
const probeName = (): string => `.kubelab-write-test-${process.pid}`;

/**
 * Makes sure `dir` exists and a file can be created, written and removed in it, before any work
 * starts: creates the missing folders one by one (never `mkdir -p`, which loops forever under
 * /proc), then writes and deletes a probe file. OutputDirError saying why otherwise.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const info = await stat(existing).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) throw new OutputDirError(dir, `${existing} is not a directory`);
      break;
    }
    // ENOTDIR: a parent is a file; walking up finds it and says so.
    const absent = info.code === 'ENOENT' || info.code === 'ENOTDIR';
    if (!absent || dirname(existing) === existing)
      throw new OutputDirError(dir, `${existing}: ${info.code ?? info.message}`, { cause: info });
    missing.unshift(existing);
    existing = dirname(existing);
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw new OutputDirError(dir, `cannot create ${folder} (${codeOf(error)})`, { cause: error });
    });
  }
  const probe = join(target, probeName());
  try {
    const handle = await open(probe, 'wx');
    try {
      await handle.write('kubelab\n');
    } finally {
      await handle.close();
    }
    await unlink(probe);
  } catch (error) {
    throw new OutputDirError(dir, `cannot create a file in it (${codeOf(error)})`, {
      cause: error,
    });
  }
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
