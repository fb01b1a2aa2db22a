import { createHash } from 'node:crypto';

/** A stable hex digest of a string (sha256), the same on every machine and run. */
export function stableHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The first 32 bits of stableHash as an unsigned integer. */
export function stableHash32(value: string): number {
  return Number.parseInt(stableHash(value).slice(0, 8), 16);
}
