import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { readYamlFile } from '../../src/check-api/index.js';

/** answers.yaml is a handful of short answers; anything bigger is not an answer sheet. */
export const MAX_ANSWERS_BYTES = 64 * 1024;

export const ANSWERS_FILE = 'answers.yaml';

export type AnswersVerdict =
  | { readonly ok: true; readonly answers: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string };

/**
 * The student's answers.yaml from the submission directory, parsed the safe way (bounded size, no
 * custom tags, no alias bombs). A missing, symlinked, malformed or non-mapping file is a verdict the
 * check reports, not an exception.
 */
export async function readAnswers(submissionDir: string): Promise<AnswersVerdict> {
  const path = join(submissionDir, ANSWERS_FILE);
  try {
    const info = await lstat(path);
    if (!info.isFile()) {
      return {
        ok: false,
        reason: `${ANSWERS_FILE} is not a regular file (a symlink or a folder?): write the answers in a plain file`,
      };
    }
  } catch {
    return {
      ok: false,
      reason: `${ANSWERS_FILE} not found in ${submissionDir}: copy the one from the starter and fill it in`,
    };
  }
  try {
    const docs = await readYamlFile(path, { file: ANSWERS_FILE, maxBytes: MAX_ANSWERS_BYTES });
    const value = docs[0]?.value;
    if (docs.length !== 1 || typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        ok: false,
        reason: `${ANSWERS_FILE} must be one YAML mapping of question: answer, as in the starter`,
      };
    }
    return { ok: true, answers: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads `a.b.c` in the answers; undefined when any step is missing. */
export function answerAt(answers: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = answers;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
