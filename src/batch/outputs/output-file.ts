import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A student id usable as a file name: a DNS label, as the grader's sanitiser produces. */
const SAFE_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A journal line names a student id that is not a sanitised one (a hand-edited or foreign journal). */
export class UnsafeStudentIdError extends Error {
  override readonly name = 'UnsafeStudentIdError';
  constructor(readonly studentId: string) {
    super(
      `student id ${JSON.stringify(studentId)} is not a DNS label; expected lowercase letters, digits and dashes as kubelab grade writes them, so no output file is named after it. Regrade the student or fix the journal line.`,
    );
  }
}

/** `results/alice.json`: a per-student path under the output dir, never outside it. */
export function studentFile(folder: string, studentId: string, extension: string): string {
  if (!SAFE_ID.test(studentId)) throw new UnsafeStudentIdError(studentId);
  return join(folder, `${studentId}.${extension}`);
}

/**
 * Writes `text` to `outDir/relative` whole or not at all (a temporary file renamed over the
 * target), so a reader or a crash never sees half an output.
 */
export async function writeOutputFile(
  outDir: string,
  relative: string,
  text: string,
): Promise<void> {
  const path = join(outDir, relative);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}
