import { join, posix } from 'node:path';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { Lab } from '../model/lab.js';
import type { Scope } from '../model/scope.js';
import {
  MAX_STATIC_MANIFEST_BYTES,
  PARKED_PREFIX,
  STATIC_POD_DIR,
  installStaticManifests,
  removeStaticManifests,
  staticPodIdentity,
} from '../cluster/node-access/static-manifests.js';

/** What installSubmissionStatic wrote on the node; hand it back to removeSubmissionStatic. */
export interface InstalledStatic {
  readonly node: NodeAccess;
  readonly paths: readonly string[];
}

/**
 * For a lab with `nodeAccess: true`, puts the submission's `static/*.yaml` in the node's static pod
 * directory (see src/cluster/node-access/static-manifests.ts). Nothing happens without node access or when
 * the lab does not ask for it; then the node checks themselves say why they cannot run.
 */
export async function installSubmissionStatic(options: {
  readonly lab: Pick<Lab, 'nodeAccess'>;
  readonly node: NodeAccess | undefined;
  readonly scope: Scope;
  /** The submission directory (solution/, starter/, a student's folder). */
  readonly dir: string;
  readonly signal?: AbortSignal;
}): Promise<InstalledStatic | undefined> {
  if (!options.lab.nodeAccess || options.node === undefined) return undefined;
  const paths = await installStaticManifests({
    node: options.node,
    scope: options.scope,
    sourceDir: join(options.dir, 'static'),
    signal: options.signal,
  });
  return { node: options.node, paths };
}

/** Removes what installSubmissionStatic wrote; call it in `finally`, before the namespace goes. */
export async function removeSubmissionStatic(
  installed: InstalledStatic | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (installed === undefined || installed.paths.length === 0) return;
  await removeStaticManifests({ node: installed.node, paths: installed.paths, signal });
}

/**
 * The files on the node that run pods in `namespace` as static pods: in the static pod directory
 * (what the student copied there, whatever its name) and parked copies beside it left by an
 * interrupted check. Sorted; files over MAX_STATIC_MANIFEST_BYTES or that are no Pod are ignored.
 */
export async function staticFilesOfNamespace(options: {
  readonly node: NodeAccess;
  readonly namespace: string;
  readonly dir?: string;
  readonly signal?: AbortSignal;
}): Promise<string[]> {
  const { node, namespace, signal } = options;
  const dir = options.dir ?? STATIC_POD_DIR;
  const parent = posix.dirname(dir);
  const found: string[] = [];
  for (const [where, keep] of [
    [dir, (file: string) => !file.startsWith('.')],
    [parent, (file: string) => file.startsWith(PARKED_PREFIX)],
  ] as const) {
    if (!(await node.exists(where, signal))) continue;
    for (const file of (await node.list(where, signal)).filter(keep)) {
      const path = posix.join(where, file);
      const text = await node.readFile(path, signal).catch(() => undefined);
      if (text === undefined || Buffer.byteLength(text) > MAX_STATIC_MANIFEST_BYTES) continue;
      if (staticPodIdentity(text, file)?.namespace === namespace) found.push(path);
    }
  }
  return found.sort();
}
