import { join } from 'node:path';
import { indexedSummary, type LabIndex } from './lab-index.js';
import { labSummary, type LabSummary } from './lab-summary.js';
import { listLabIds } from '../model/labs-dir.js';

/**
 * Every lab of `labsDir`, sorted by id, as `kubelab list` shows them; throws the first bad lab's
 * LabValidationError. Titles and points only: each check's params are validate's and check's to
 * judge. A lab whose files are those `index` was built from is not parsed again: the YAML parser
 * and the lab schema load only for the others.
 */
export async function labSummaries(labsDir: string, index: LabIndex): Promise<LabSummary[]> {
  const summaries: LabSummary[] = [];
  for (const id of await listLabIds(labsDir)) {
    const dir = join(labsDir, id);
    const indexed = await indexedSummary(dir, index);
    if (indexed !== undefined) {
      summaries.push(indexed);
      continue;
    }
    const { loadLabDir } = await import('./load-lab.js');
    summaries.push(labSummary((await loadLabDir(dir, { checkParams: false })).lab));
  }
  return summaries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
