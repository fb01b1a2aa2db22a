import { existsSync, readFileSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAB_ID_PATTERN } from './lab-id.js';
import { suggest } from './suggest.js';
import { UnknownLabError } from './unknown-lab-error.js';

/** The file every lab directory holds. */
export const LAB_FILE = 'lab.yaml';

/**
 * The kubelab package's root: the nearest directory above this file whose package.json is named
 * kubelab. Works from src/ (tsx) and from dist/src/ (compiled) alike.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        (parsed as { name?: unknown }).name === 'kubelab'
      )
        return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `no kubelab package.json above ${from}; expected kubelab to be installed as a package. Pass --labs-dir.`,
      );
    dir = parent;
  }
}

/** The labs shipped with kubelab (`<package>/labs`), used when no --labs-dir is given. */
export function defaultLabsDir(): string {
  return join(packageRoot(), 'labs');
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** A --labs-dir (or the shipped labs/) that is not a readable directory. */
export class LabsDirError extends Error {
  override readonly name = 'LabsDirError';
  constructor(
    readonly labsDir: string,
    options?: { cause?: unknown },
  ) {
    super(
      `cannot read the labs directory ${labsDir}; expected a directory holding <lab-id>/lab.yaml. Check --labs-dir.`,
      options,
    );
  }
}

/**
 * Lab ids in `labsDir`: sub-directories with a lab.yaml entry of any type, sorted (a dangling
 * lab.yaml link or a FIFO still names a lab, so validation reports it instead of losing the lab).
 * LabsDirError if the directory cannot be read.
 */
export async function listLabIds(labsDir: string): Promise<string[]> {
  const entries = await readdir(labsDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new LabsDirError(displayPath(labsDir), { cause: error });
  });
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = await lstat(join(labsDir, entry.name, LAB_FILE)).catch(() => undefined);
    if (file !== undefined) ids.push(entry.name);
  }
  return ids.sort();
}

/**
 * The directory of lab `id`, or UnknownLabError with the nearest ids. The id is checked against the
 * lab id pattern first, so `../etc` never becomes a path.
 */
export async function resolveLabDir(labsDir: string, id: string): Promise<string> {
  const root = resolve(labsDir);
  if (LAB_ID_PATTERN.test(id)) {
    const dir = join(root, id);
    const file = await stat(join(dir, LAB_FILE)).catch(() => undefined);
    if (file?.isFile() === true) return dir;
  }
  const known = await listLabIds(root).catch(() => []);
  throw new UnknownLabError(id, known, displayPath(root), suggest(id, known));
}
