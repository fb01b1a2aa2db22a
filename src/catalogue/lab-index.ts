import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBoundedText } from '../model/bounded-read.js';
import { labFileEntryProblem } from '../model/lab-file-entry.js';
import { missingLabFiles } from '../model/lab-files.js';
import { readLabManifests } from './lab-manifests.js';
import type { LabSummary } from './lab-summary.js';
import { LAB_FILE, packageRoot } from '../model/labs-dir.js';

/** A lab that validated (as `kubelab list` validates: no check params) when the index was built. */
export interface LabIndexEntry {
  readonly summary: LabSummary;
  /** The lab's extraFiles: its folders' files that are not manifests. */
  readonly extraFiles: readonly string[];
  /** labInputsDigest of the files it was built from. */
  readonly digest: string;
}

/**
 * The lab index, by lab directory name: what `kubelab list` shows of each shipped lab, worked out
 * by `npm run build` (scripts/build.ts) so that `list` reads the labs' files but parses no YAML
 * and loads no schema when they are, byte for byte, the files the index was built from.
 */
export type LabIndex = Readonly<Record<string, LabIndexEntry>>;

/** Where `npm run build` writes the index of the shipped labs. */
export const LAB_INDEX_PATH = join('dist', 'lab-index.json');

/**
 * A digest of everything validating the lab in `dir` parses: lab.yaml, then each manifest of
 * starter/ and solution/ (name and text), read the way validation reads them. Undefined when a
 * file is missing, unreadable or refused (validation would report it): the lab is then loaded, and
 * validation says what is wrong.
 */
export async function labInputsDigest(
  dir: string,
  extraFiles: readonly string[],
): Promise<string | undefined> {
  try {
    const texts = await labInputs(dir, extraFiles);
    if (texts === undefined) return undefined;
    return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
  } catch {
    return undefined;
  }
}

/** labInputsDigest's [name, text] pairs, or undefined when validation would report a problem. */
async function labInputs(
  dir: string,
  extraFiles: readonly string[],
): Promise<string[][] | undefined> {
  if ((await missingLabFiles(dir)).length > 0) return undefined;
  if ((await labFileEntryProblem(dir, LAB_FILE)) !== undefined) return undefined;
  const texts: string[][] = [[LAB_FILE, await readBoundedText(join(dir, LAB_FILE))]];
  for (const { files, problems } of await readLabManifests(dir, extraFiles)) {
    if (problems.length > 0) return undefined;
    texts.push(...files.map((file) => [file.source, file.text]));
  }
  return texts;
}

/**
 * The summary of the lab in `dir` from the index, when the index holds its directory name and its
 * files are the ones the index was built from; otherwise undefined, and the lab is to be loaded.
 */
export async function indexedSummary(
  dir: string,
  index: LabIndex,
): Promise<LabSummary | undefined> {
  const entry = Object.hasOwn(index, basename(dir)) ? index[basename(dir)] : undefined;
  if (entry === undefined) return undefined;
  const digest = await labInputsDigest(dir, entry.extraFiles);
  return digest === entry.digest ? entry.summary : undefined;
}

/**
 * The index `npm run build` wrote, when kubelab runs compiled (dist/). The sources (a checkout,
 * through tsx) read none: an index built before an edit to the lab schema would hide that edit.
 * A missing or unreadable index is an empty one: every lab is then loaded.
 */
export async function shippedLabIndex(): Promise<LabIndex> {
  if (fileURLToPath(import.meta.url).endsWith('.ts')) return {};
  const text = await readFile(join(packageRoot(), LAB_INDEX_PATH), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as LabIndex;
  } catch {
    return {};
  }
}
