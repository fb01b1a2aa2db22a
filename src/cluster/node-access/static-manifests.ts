import { readdir, lstat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { stringify } from 'yaml';
import type { NodeAccess } from './node-access.js';
import { readBoundedText } from '../../model/bounded-read.js';
import { parseYaml } from '../../model/safe-yaml.js';
import type { Scope } from '../../model/scope.js';

/** Where kubeadm, minikube, kind and the project's cluster point the kubelet's staticPodPath. */
export const STATIC_POD_DIR = '/etc/kubernetes/manifests';

/** A static pod manifest is one small Pod; bigger files are not read. */
export const MAX_STATIC_MANIFEST_BYTES = 64 * 1024;

/** A manifest file on the node that defines the pod a check looks for. */
export interface StaticManifest {
  /** Absolute path on the node. */
  readonly path: string;
  readonly file: string;
}

/** Pod name and namespace of a static manifest's text, or undefined when it is not a Pod. */
export function staticPodIdentity(
  text: string,
  file: string,
): { name: string; namespace: string } | undefined {
  try {
    const doc = parseYaml(text, { file, maxBytes: MAX_STATIC_MANIFEST_BYTES })[0]?.value;
    if (typeof doc !== 'object' || doc === null) return undefined;
    const object = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    if (object.kind !== 'Pod' || typeof object.metadata?.name !== 'string') return undefined;
    const namespace =
      typeof object.metadata.namespace === 'string' ? object.metadata.namespace : 'default';
    return { name: object.metadata.name, namespace };
  } catch {
    return undefined;
  }
}

/**
 * The files of the node's static pod directory that define pod `name` in `namespace` (sorted). The
 * kubelet ignores dot-files, so they are skipped here too.
 */
export async function findStaticManifests(
  node: NodeAccess,
  options: { name: string; namespace: string; dir?: string; signal?: AbortSignal },
): Promise<StaticManifest[]> {
  const dir = options.dir ?? STATIC_POD_DIR;
  if (!(await node.exists(dir, options.signal))) return [];
  const files = (await node.list(dir, options.signal)).filter((f) => !f.startsWith('.')).sort();
  const found: StaticManifest[] = [];
  for (const file of files) {
    const path = posix.join(dir, file);
    const text = await node.readFile(path, options.signal);
    if (text === undefined || Buffer.byteLength(text) > MAX_STATIC_MANIFEST_BYTES) continue;
    const identity = staticPodIdentity(text, file);
    if (identity?.name === options.name && identity.namespace === options.namespace)
      found.push({ path, file });
  }
  return found;
}

/** The name prefix of a parked manifest (parkingPath); cleanup looks for it too. */
export const PARKED_PREFIX = '.kubelab-parked-';

/** Where the grader parks a manifest while it proves the kubelet reacts: beside the directory, same filesystem. */
export function parkingPath(manifest: StaticManifest): string {
  return posix.join(
    posix.dirname(posix.dirname(manifest.path)),
    `${PARKED_PREFIX}${manifest.file}`,
  );
}

/**
 * For `kubelab verify` and batch grading, where the grader (not the student) puts a submission's
 * `static/*.yaml` on the node: each file is written to the static pod directory as
 * `<namespace>--<file>`, with metadata.namespace set to the scope's namespace. Returns the node
 * paths written, for removeStaticManifests. Files are size-bounded; symlinks and sub-folders are skipped.
 */
export async function installStaticManifests(options: {
  node: NodeAccess;
  scope: Scope;
  /** The submission's static/ folder on this machine. */
  sourceDir: string;
  dir?: string;
  signal?: AbortSignal;
}): Promise<string[]> {
  const dir = options.dir ?? STATIC_POD_DIR;
  let entries: string[];
  try {
    entries = (await readdir(options.sourceDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return [];
  }
  const written: string[] = [];
  for (const entry of entries) {
    const source = join(options.sourceDir, basename(entry));
    if (!(await lstat(source)).isFile()) continue;
    const text = await readBoundedText(source, {
      maxBytes: MAX_STATIC_MANIFEST_BYTES,
      displayName: `static/${entry}`,
    });
    const docs = parseYaml(text, { file: `static/${entry}`, maxBytes: MAX_STATIC_MANIFEST_BYTES });
    const rewritten = docs
      .map((doc) => {
        const value = doc.value;
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          return stringify(value);
        const object = value as { metadata?: Record<string, unknown> };
        return stringify({
          ...object,
          metadata: { ...(object.metadata ?? {}), namespace: options.scope.namespace },
        });
      })
      .join('---\n');
    const target = posix.join(dir, `${options.scope.namespace}--${basename(entry)}`);
    await options.node.writeFile(target, rewritten, options.signal);
    written.push(target);
  }
  return written;
}

/** Removes what installStaticManifests wrote (and any parked copy left by an interrupted check). */
export async function removeStaticManifests(options: {
  node: NodeAccess;
  /** What installStaticManifests returned. */
  paths: readonly string[];
  signal?: AbortSignal;
}): Promise<void> {
  const { node, paths, signal } = options;
  for (const path of paths) {
    await node.remove(path, signal);
    const parked = parkingPath({ path, file: posix.basename(path) });
    if (await node.exists(parked, signal)) await node.remove(parked, signal);
  }
}
