import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readBoundedText } from '../model/bounded-read.js';
import { FileConflictError } from './errors.js';

/** A lab's starter tree is a handful of manifests; more than this is a mistake in the lab. */
const MAX_WORKSPACE_FILES = 200;

/** One file to place in the student's work directory. */
export interface WorkspaceFile {
  /** Path inside the work directory, with `/` separators: `deployment.yaml`, `static/web.yaml`. */
  readonly path: string;
  readonly source: string;
}

export interface WorkspaceResult {
  /** Written for the first time. */
  readonly created: readonly string[];
  /** Already there with the same content. */
  readonly unchanged: readonly string[];
  /** Changed by the student and replaced (only with force). */
  readonly replaced: readonly string[];
}

/** README.md, README.fr.md and every regular file under starter/ (kept relative), sorted. */
export async function labWorkspaceFiles(lab: {
  dir: string;
  starterDir: string;
}): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [
    { path: 'README.md', source: join(lab.dir, 'README.md') },
    { path: 'README.fr.md', source: join(lab.dir, 'README.fr.md') },
  ];
  const entries = await readdir(lab.starterDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    // Regular files only: a symlink in a lab could point anywhere on the machine.
    if (!entry.isFile() || entry.name === '.keep') continue;
    const source = join(entry.parentPath, entry.name);
    files.push({ path: relative(lab.starterDir, source).split('\\').join('/'), source });
  }
  if (files.length > MAX_WORKSPACE_FILES) {
    throw new Error(
      `${lab.starterDir} holds ${files.length} files; expected at most ${MAX_WORKSPACE_FILES}`,
    );
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Copies the files into `dir`. A file already there with other content is a student's work: the
 * copy is refused (FileConflictError naming every such file, nothing written) unless `force`.
 */
export async function writeWorkspace(
  dir: string,
  files: readonly WorkspaceFile[],
  options: { force: boolean },
): Promise<WorkspaceResult> {
  const planned = await Promise.all(
    files.map(async (file) => {
      const target = join(dir, ...file.path.split('/'));
      const content = await readBoundedText(file.source);
      const current = existsSync(target)
        ? await readBoundedText(target).catch(() => undefined)
        : undefined;
      const state = !existsSync(target)
        ? 'created'
        : current === content
          ? 'unchanged'
          : 'replaced';
      return { path: file.path, target, content, state };
    }),
  );
  const conflicts = planned.filter((file) => file.state === 'replaced').map((file) => file.path);
  if (conflicts.length > 0 && !options.force) throw new FileConflictError(dir, conflicts);
  for (const file of planned) {
    if (file.state === 'unchanged') continue;
    await mkdir(dirname(file.target), { recursive: true });
    await writeFile(file.target, file.content);
  }
  const pick = (state: string): string[] =>
    planned.filter((f) => f.state === state).map((f) => f.path);
  return { created: pick('created'), unchanged: pick('unchanged'), replaced: pick('replaced') };
}
