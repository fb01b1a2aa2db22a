import { posix } from 'node:path';

/**
 * Node paths the grader may touch for hostPath volumes. A PV's hostPath comes from a student's
 * manifest (or, in batch grading, from the per-student rewrite of it): the grader derives the node
 * path from the PV as applied, and refuses anything outside these roots instead of trusting it.
 * `/data` is the course's (and minikube's persistent) volume root; `/var/lib/kubelab/volumes` is
 * for per-student directories in batch grading — not `/var/lib/kubelab` itself, which holds the
 * project cluster's own state (etcd, PKI).
 */
export const DEFAULT_HOSTPATH_ROOTS = [
  '/data',
  '/var/lib/kubelab/volumes',
  '/mnt/data',
  '/tmp/kubelab',
] as const;

export type NodePathVerdict =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * `path` normalised, when it is absolute and strictly inside one of `roots` (a root itself is
 * refused: the grader writes files into the volume's directory, never into a shared root).
 */
export function resolveNodePath(path: string, roots: readonly string[]): NodePathVerdict {
  if (path.includes('\0')) return { ok: false, reason: 'the path contains a NUL byte' };
  if (!posix.isAbsolute(path))
    return { ok: false, reason: `${JSON.stringify(path)} is not an absolute path` };
  if (path.split('/').includes('..')) {
    return {
      ok: false,
      reason: `${JSON.stringify(path)} contains "..": write the plain path of the directory`,
    };
  }
  const normalised = posix.normalize(path).replace(/\/+$/, '');
  const inside = roots.some((root) => {
    const base = posix.normalize(root).replace(/\/+$/, '');
    return normalised.startsWith(`${base}/`);
  });
  if (!inside) {
    return {
      ok: false,
      reason: `${normalised} is outside the directories the grader may read on the node (${[...roots].sort().join(', ')}); put the volume under one of them`,
    };
  }
  return { ok: true, path: normalised };
}

/** A file name inside a directory already checked by resolveNodePath (the name is the grader's own). */
export function nodeFile(dir: string, name: string): string {
  if (name.includes('/') || name === '..' || name === '.')
    throw new RangeError(`invalid marker file name ${name}: expected a plain file name`);
  return posix.join(dir, name);
}
