import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  readManifestDir,
  type ManifestFile,
  type ManifestFileProblem,
} from '../cluster/manifest-files.js';

/** The folders whose manifests `kubelab validate` parses, as `kubelab start` and `verify` read them. */
const MANIFEST_FOLDERS = ['starter', 'solution'] as const;

/**
 * The manifest files of the lab's starter/ and solution/, read (not parsed) as `kubelab start` and
 * `verify` read them, one result per folder that is a directory, in that order; `extraFiles` (the
 * lab's) are not manifests and are left out.
 */
export async function readLabManifests(
  dir: string,
  extraFiles: readonly string[],
): Promise<{ files: ManifestFile[]; problems: ManifestFileProblem[] }[]> {
  const folders = [];
  for (const folder of MANIFEST_FOLDERS) {
    const path = join(dir, folder);
    if ((await stat(path).catch(() => undefined))?.isDirectory() !== true) continue;
    folders.push(await readManifestDir(path, folder, extraFiles));
  }
  return folders;
}
