import { join } from 'node:path';
import { labInputsDigest, type LabIndex, type LabIndexEntry } from './lab-index.js';
import { labSummary } from './lab-summary.js';
import { listLabIds } from '../model/labs-dir.js';
import { validateLabDir } from './load-lab.js';

/**
 * The lab index of `labsDir` (`npm run build` writes the shipped labs' one): each lab that
 * validates as `kubelab list` validates it (no check params), with the digest of its files. A lab
 * that does not validate is left out, so `list` loads it and reports its problems.
 */
export async function buildLabIndex(labsDir: string): Promise<LabIndex> {
  const index: Record<string, LabIndexEntry> = {};
  for (const id of await listLabIds(labsDir)) {
    const dir = join(labsDir, id);
    const { lab, issues } = await validateLabDir(dir, { checkParams: false });
    if (lab === undefined || issues.length > 0) continue;
    const digest = await labInputsDigest(dir, lab.extraFiles);
    if (digest !== undefined)
      index[id] = { summary: labSummary(lab), extraFiles: lab.extraFiles, digest };
  }
  return index;
}
