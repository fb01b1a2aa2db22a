import { stableHash32 } from '../stable-hash.js';

/** `--shard i/n`: this grader takes shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export class ShardSpecError extends Error {
  override readonly name = 'ShardSpecError';
}

/** Parses `2/4`; throws ShardSpecError saying what is expected. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new ShardSpecError(
      `--shard expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got "${text}". Give each grader its own i.`,
    );
  }
  return { index, count };
}

/** Which shard (1-based) a student belongs to: a stable hash of the id, the same on every machine. */
export function shardOf(studentId: string, count: number): number {
  return (stableHash32(studentId) % count) + 1;
}

export function inShard(studentId: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(studentId, shard.count) === shard.index;
}

export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
