import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';

const GOLDEN_DIR = join(import.meta.dirname, '../../fixtures/golden');

/**
 * Compares `actual` with test/fixtures/golden/<name>; `UPDATE_GOLDEN=1` rewrites the file instead.
 * On a difference, chai shows the diff.
 */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => undefined);
  if (expected === undefined)
    throw new Error(`${path} is missing; run the tests with UPDATE_GOLDEN=1 to write it`);
  expect(
    actual,
    `${name} differs from its golden file (UPDATE_GOLDEN=1 regenerates it after a deliberate change)`,
  ).to.equal(expected);
}
