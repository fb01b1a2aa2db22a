import { posix } from 'node:path';

/** Node files kubelab reads are manifests and small data files; anything bigger is refused. */
export const MAX_NODE_FILE_BYTES = 1024 * 1024;

/** A node path is not acceptable (relative, with `..`, or with characters a remote shell would interpret). */
export class NodePathError extends Error {
  override readonly name = 'NodePathError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(
      `node path ${JSON.stringify(path)} refused: ${reason}. Expected an absolute path like /etc/kubernetes/manifests/web.yaml.`,
    );
  }
}

/** Checks an absolute node path: no `..` segments, no empty or NUL, normalised. Returns it normalised. */
export function checkNodePath(path: string): string {
  if (typeof path !== 'string' || path === '') throw new NodePathError(String(path), 'empty');
  if (path.includes('\0')) throw new NodePathError(path, 'contains a NUL byte');
  if (!posix.isAbsolute(path)) throw new NodePathError(path, 'not absolute');
  if (path.split('/').includes('..')) throw new NodePathError(path, 'contains ".."');
  return posix.normalize(path);
}

/**
 * Where batch grading keeps each (student, lab)'s hostPath volumes on the node:
 * `<root>/<student>/<lab>/…` (src/runner/pv-host-path.ts moves student paths there).
 */
export const KUBELAB_VOLUMES_ROOT = '/var/lib/kubelab/volumes';

/**
 * Checks a directory tree kubelab may delete on a node: only a (student, lab) directory under
 * KUBELAB_VOLUMES_ROOT, `<root>/<student>/<lab>` or below, never the root or a student's whole
 * folder. Returns it normalised.
 */
export function checkRemovableTree(path: string): string {
  const normal = checkNodePath(path);
  const rest = normal.startsWith(`${KUBELAB_VOLUMES_ROOT}/`)
    ? normal
        .slice(KUBELAB_VOLUMES_ROOT.length + 1)
        .split('/')
        .filter(Boolean)
    : [];
  if (rest.length < 2)
    throw new NodePathError(
      path,
      `only a directory ${KUBELAB_VOLUMES_ROOT}/<student>/<lab> (or below) may be deleted with its contents`,
    );
  return normal;
}

/** Stricter check for adapters that go through a remote shell (minikube ssh): a plain path charset only. */
export function checkRemotePath(path: string): string {
  const normal = checkNodePath(path);
  if (!/^[A-Za-z0-9._/@+=:,-]+$/.test(normal)) {
    throw new NodePathError(path, 'contains characters other than letters, digits and ._/@+=:,-');
  }
  return normal;
}

/** Quotes one argument for a POSIX shell (minikube ssh joins its argv into a remote command line). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9._/@+=:,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
