import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What a lab directory must hold besides lab.yaml, and why. */
export const LAB_FILES = [
  { name: 'README.md', type: 'file', what: 'the instructions in English' },
  { name: 'README.fr.md', type: 'file', what: 'the instructions in French' },
  { name: 'starter', type: 'dir', what: 'the starter manifests handed to students' },
  { name: 'solution', type: 'dir', what: 'the reference solution `kubelab verify` applies' },
] as const;

/** One message per missing or wrong-typed entry, e.g. `README.fr.md is missing; expected …`. */
export async function missingLabFiles(dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of LAB_FILES) {
    const info = await stat(join(dir, entry.name)).catch(() => undefined);
    const ok = entry.type === 'file' ? info?.isFile() === true : info?.isDirectory() === true;
    if (ok) continue;
    const shape = entry.type === 'file' ? 'a file' : 'a directory';
    problems.push(
      info === undefined
        ? `${entry.name} is missing; expected ${shape} with ${entry.what}`
        : `${entry.name} is not ${shape}; expected ${shape} with ${entry.what}`,
    );
  }
  return problems;
}
