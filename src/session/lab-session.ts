import type { Cluster, KubeObject, ObjectRef } from '../cluster/cluster.js';
import { CLEANUP_TIMEOUT_MS } from '../cluster/cleanup/cleanup.js';
import { ensureLabNamespace } from '../cluster/namespace.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { Lab } from '../model/lab.js';
import type { Scope } from '../model/scope.js';
import type { LabReport } from '../report/model.js';
import { applyManifests, type ManifestOutcome } from '../runner/apply-manifests.js';
import { runLab, type RunLabOptions } from '../runner/run-lab.js';
import { volumeDirFor } from '../runner/pv-host-path.js';
import {
  installSubmissionStatic,
  removeSubmissionStatic,
  type InstalledStatic,
} from './node-files.js';

export interface LabSessionOptions {
  /** The grader's own identity: the namespace, isolation objects, cluster-scoped kinds, the checks. */
  readonly cluster: Cluster;
  /** A loaded lab (src/catalogue/load-lab.ts LoadedLab fits). */
  readonly loaded: { readonly lab: Lab };
  readonly scope: Scope;
  /** Where node files (static pods) go; undefined: none are installed, node checks say why. */
  readonly node: NodeAccess | undefined;
  readonly signal: AbortSignal;
}

/** What `apply` takes besides the session: the manifests' directory and how to apply them. */
export interface SessionApplyOptions {
  /** The submission directory (solution/, starter/, a student's folder): its manifests and static/. */
  readonly dir: string;
  /**
   * Who applies the manifests: by default the grader (the session's `cluster`); batch grading
   * passes the student's impersonated ServiceAccount, and the cluster-scoped kinds the lab allows
   * then go through the grader, prefixed and labelled.
   */
  readonly as?: Cluster;
  /** Names the manifests in outcomes (`solution`, `starter`, the lab id). */
  readonly label: string;
  /** Confines hostPath PersistentVolumes under this node directory (batch grading). */
  readonly hostPathRoot?: string;
  /** Rewrites each object before it is applied (verify's solution: the cluster's provisioner). */
  readonly adapt?: (object: KubeObject) => KubeObject;
  /** Also install the directory's node files (static pods) when the lab asks for node access. */
  readonly nodeFiles: boolean;
}

/**
 * A lab's life on a cluster, in the order its callers use it: `prepare` the scope (namespace with
 * Pod Security labels, isolation objects), `apply` the manifests (as whom) and install node files,
 * `run` the checks, then tear down: `removeNodeFiles` (before the namespace goes), the caller's
 * cleanup of the run's objects (src/session/run-cleanup.ts, the one cleanup every caller uses),
 * then `removeVolumeDir`.
 */
export interface LabSession {
  readonly scope: Scope;
  /** Creates the namespace (or waits out its deletion first) and applies `isolation` into it. */
  prepare(options?: { readonly isolation?: readonly KubeObject[] }): Promise<void>;
  /** Applies the directory's manifests and, if asked, installs its node files. */
  apply(options: SessionApplyOptions): Promise<ManifestOutcome[]>;
  /** Runs the lab's checks against the scope's namespace. */
  run(options: SessionRunOptions): Promise<LabReport>;
  /** Every outcome of `apply` so far (applied, refused, API errors), in order. */
  outcomes(): ManifestOutcome[];
  /** The objects `apply` applied, in order. */
  applied(): ObjectRef[];
  /** Removes the node files `apply` installed; bounded, never throws. */
  removeNodeFiles(): Promise<void>;
  /** Removes the scope's private hostPath directory on the node (batch PVs); bounded, never throws. */
  removeVolumeDir(): Promise<void>;
}

/** What `run` takes besides the session: the submission's files, check kinds, progress. */
export type SessionRunOptions = Omit<
  RunLabOptions,
  'cluster' | 'lab' | 'scope' | 'node' | 'signal'
>;

export function labSession(options: LabSessionOptions): LabSession {
  const { cluster, scope, node, signal } = options;
  const { lab } = options.loaded;
  const outcomes: ManifestOutcome[] = [];
  const installed: InstalledStatic[] = [];
  return {
    scope,
    async prepare(prepare = {}) {
      await ensureLabNamespace(cluster, scope, { podSecurity: lab.podSecurity, signal });
      if (prepare.isolation === undefined) return;
      const fences = await cluster.apply(prepare.isolation, 'kubelab isolation', {
        namespace: scope.namespace,
        signal,
      });
      const failed = fences.find((r) => !r.ok);
      if (failed !== undefined && !failed.ok) throw new Error(`isolation objects: ${failed.error}`);
    },
    async apply(apply) {
      const done = await applyManifests({
        cluster: apply.as ?? cluster,
        ...(apply.as === undefined ? {} : { clusterScopedCluster: cluster }),
        ...(apply.hostPathRoot === undefined ? {} : { hostPathRoot: apply.hostPathRoot }),
        dir: apply.dir,
        scope,
        lab,
        label: apply.label,
        signal,
        ...(apply.adapt === undefined ? {} : { adapt: apply.adapt }),
      });
      outcomes.push(...done);
      if (apply.nodeFiles) {
        const files = await installSubmissionStatic({ lab, node, scope, dir: apply.dir, signal });
        if (files !== undefined) installed.push(files);
      }
      return done;
    },
    run(run) {
      return runLab({
        ...run,
        cluster,
        lab: options.loaded,
        scope,
        node,
        signal,
      });
    },
    outcomes() {
      return [...outcomes];
    },
    applied() {
      return outcomes.flatMap((o) => (o.status === 'applied' ? [o.ref] : []));
    },
    async removeNodeFiles() {
      for (const files of installed.splice(0))
        await removeSubmissionStatic(files, AbortSignal.timeout(CLEANUP_TIMEOUT_MS)).catch(
          () => undefined,
        );
    },
    async removeVolumeDir() {
      if (!lab.clusterScoped.includes('PersistentVolume') || node === undefined) return;
      // The confined hostPath directories of the student's PVs (their objects are gone by now).
      await node
        .removeTree(volumeDirFor(scope), AbortSignal.timeout(CLEANUP_TIMEOUT_MS))
        .catch(() => undefined);
    },
  };
}
