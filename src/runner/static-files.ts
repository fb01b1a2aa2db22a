import { join } from 'node:path';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { Lab } from '../model/lab.js';
import type { Scope } from '../model/scope.js';
import {
  installStaticManifests,
  removeStaticManifests,
} from '../../checks/lib/static-manifests.js';

/** What installSubmissionStatic wrote on the node; hand it back to removeSubmissionStatic. */
export interface InstalledStatic {
  readonly node: NodeAccess;
  readonly paths: readonly string[];
}

/**
 * For a lab with `nodeAccess: true`, puts the submission's `static/*.yaml` in the node's static pod
 * directory (see checks/lib/static-manifests.ts). Nothing happens without node access or when
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
