import { randomBytes } from 'node:crypto';

/** A unique-enough suffix for the grader's own names (marker files, table rows, probe names). */
export function graderSuffix(): string {
  return randomBytes(3).toString('hex');
}
