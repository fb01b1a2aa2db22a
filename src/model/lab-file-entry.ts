import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Why `<dir>/lab.yaml` cannot be read as a lab file, or undefined when it can: it must be a regular
 * file, or a symbolic link to one inside the labs directory (`dir`'s parent). A dangling link, a
 * link out of the labs directory (to /etc/shadow) and a FIFO are named, never opened.
 */
export async function labFileEntryProblem(dir: string, name: string): Promise<string | undefined> {
  const path = join(dir, name);
  const entry = await lstat(path).catch(() => undefined);
  if (entry === undefined) return `${name} is missing; expected the lab's definition`;
  if (entry.isSymbolicLink()) {
    const target = await realpath(path).catch(() => undefined);
    if (target === undefined)
      return `${name} is a symbolic link to nothing (dangling); expected a regular file`;
    const labsDir = await realpath(dirname(dir));
    const rel = relative(labsDir, target);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      return `${name} is a symbolic link pointing outside the labs directory (not followed); expected a regular file`;
  }
  const info = await stat(path);
  if (!info.isFile())
    return `${name} is not a regular file (a directory, FIFO or device?); expected a YAML file`;
  return undefined;
}
