import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NodeAccess } from './node-access.js';
import { checkNodePath, checkRemovableTree, MAX_NODE_FILE_BYTES, NodePathError } from './paths.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** This machine is the node (the project's own cluster): plain node:fs on absolute paths. */
export function localNodeAccess(nodeName: string): NodeAccess {
  return {
    kind: 'local',
    nodeName,
    async readFile(path) {
      const file = checkNodePath(path);
      try {
        const info = await stat(file);
        if (info.size > MAX_NODE_FILE_BYTES)
          throw new NodePathError(path, `larger than ${MAX_NODE_FILE_BYTES} bytes`);
        return await readFile(file, 'utf8');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async writeFile(path, content) {
      const file = checkNodePath(path);
      await mkdir(dirname(file), { recursive: true });
      // Write aside and rename, so a watcher (the kubelet) never reads a half-written file.
      const temporary = `${dirname(file)}/.kubelab-${process.pid}-${Date.now()}.tmp`;
      await writeFile(temporary, content, { mode: 0o644 });
      await rename(temporary, file);
    },
    async move(from, to) {
      await rename(checkNodePath(from), checkNodePath(to));
    },
    async remove(path) {
      await rm(checkNodePath(path), { force: true });
    },
    async removeTree(path) {
      await rm(checkRemovableTree(path), { recursive: true, force: true });
    },
    async exists(path) {
      try {
        await stat(checkNodePath(path));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async list(dir) {
      try {
        return (await readdir(checkNodePath(dir))).sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
  };
}
