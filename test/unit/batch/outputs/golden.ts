import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';

export const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/batch');
const GOLDEN_DIR = join(FIXTURE_DIR, 'golden');

/** Compares `actual` with test/fixtures/batch/golden/<name>; `UPDATE_GOLDEN=1` rewrites it instead. */
export async function expectBatchGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => undefined);
  if (expected === undefined)
    throw new Error(`${path} is missing; run the tests with UPDATE_GOLDEN=1 to write it`);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 regenerates it)`).to.equal(
    expected,
  );
}
