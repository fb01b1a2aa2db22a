import { basename } from 'node:path';
import type { Cluster, KubeObject, ObjectRef } from '../cluster/cluster.js';
import { parseManifests } from '../cluster/manifests.js';
import type { Lab } from '../model/lab.js';
import type { Scope } from '../model/scope.js';
import { applyPolicy, type SourcedDoc } from './apply-policy.js';
import { isClusterScoped } from '../cluster/cluster-scoped.js';
import { readManifestDir } from '../cluster/manifest-files.js';

/** What happened to one document (or one unreadable file) of a manifest directory. */
export type ManifestOutcome =
  | { readonly status: 'applied'; readonly source: string; readonly ref: ObjectRef }
  /** kubelab did not send it: policy (namespace, cluster-scoped kind), bad YAML, file too big. */
  | {
      readonly status: 'refused';
      readonly source: string;
      readonly ref: Partial<ObjectRef>;
      readonly reason: string;
    }
  /** The API server rejected it; `error` is the server's own message. */
  | {
      readonly status: 'api-error';
      readonly source: string;
      readonly ref: Partial<ObjectRef>;
      readonly error: string;
    };

export interface ApplyManifestsOptions {
  readonly cluster: Cluster;
  /** starter/, solution/ or a student's directory. */
  readonly dir: string;
  readonly scope: Scope;
  /** `extraFiles` (answers.yaml, static/) are not manifests: they are skipped, never sent. */
  readonly lab: Pick<Lab, 'clusterScoped'> & { readonly extraFiles?: readonly string[] };
  /** Names the directory in sources (`solution/web.yaml:1`). Default: the directory's name. */
  readonly label?: string;
  /** Server-side dry run (validates, persists nothing). Default false. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  /**
   * Sends the allowed cluster-scoped documents (after the policy has prefixed and labelled them)
   * through this cluster instead of `cluster`. Batch grading applies a student's namespaced
   * documents with the namespace's rights only (an impersonating `cluster`) and the cluster-scoped
   * ones the lab allows with the grader's own. Default: `cluster`.
   */
  readonly clusterScopedCluster?: Cluster;
  /** Batch grading: confine PersistentVolume node paths (see ApplyPolicyOptions.hostPathRoot). */
  readonly hostPathRoot?: string;
  /**
   * Rewrites each parsed document before the policy sees it: `verify` gives a reference solution's
   * StorageClasses the cluster's own provisioner (cluster-provisioner.ts). Default: none.
   */
  readonly adapt?: (object: KubeObject) => KubeObject;
}

/**
 * Applies a directory of manifests into the scope's namespace, through the apply policy (see
 * apply-policy.ts): refused documents are reported and never sent. Allowed cluster-scoped objects
 * go first, then the rest, each in file order; outcomes come back in file order.
 */
export async function applyManifests(options: ApplyManifestsOptions): Promise<ManifestOutcome[]> {
  const label = options.label ?? basename(options.dir);
  const { files, problems } = await readManifestDir(
    options.dir,
    label,
    options.lab.extraFiles ?? [],
  );
  const outcomes: ManifestOutcome[] = problems.map((p) => ({
    status: 'refused',
    source: p.source,
    ref: {},
    reason: p.reason,
  }));
  const docs: SourcedDoc[] = [];
  for (const file of files) {
    for (const parsed of parseManifests(file.text, file.source)) {
      if (parsed.ok) {
        const object = options.adapt?.(parsed.object) ?? parsed.object;
        docs.push({ source: parsed.source, object });
      } else
        outcomes.push({ status: 'refused', source: parsed.source, ref: {}, reason: parsed.error });
    }
  }
  const decisions = applyPolicy(docs, {
    scope: options.scope,
    allowedClusterScoped: options.lab.clusterScoped,
    hostPathRoot: options.hostPathRoot,
  });
  const order = decisions
    .map((decision, index) => ({ decision, index }))
    .sort((a, b) => rank(a.decision) - rank(b.decision) || a.index - b.index);
  const results = new Array<ManifestOutcome>(decisions.length);
  for (const { decision, index } of order) {
    if (decision.action === 'refuse') {
      results[index] = {
        status: 'refused',
        source: decision.source,
        ref: decision.ref,
        reason: decision.reason,
      };
      continue;
    }
    const target = isClusterScoped(decision.object.kind)
      ? (options.clusterScopedCluster ?? options.cluster)
      : options.cluster;
    const [result] = await target.apply([decision.object], decision.source, {
      namespace: options.scope.namespace,
      dryRun: options.dryRun,
      signal: options.signal,
    });
    if (result === undefined) {
      results[index] = {
        status: 'api-error',
        source: decision.source,
        ref: {},
        error: 'the API server returned no result',
      };
    } else if (result.ok) {
      results[index] = { status: 'applied', source: result.source, ref: result.ref };
    } else {
      results[index] = {
        status: 'api-error',
        source: result.source,
        ref: result.ref,
        error: result.error,
      };
    }
  }
  return [...outcomes, ...results].sort((a, b) => compareSources(a.source, b.source));
}

function rank(decision: { action: string; object?: { kind: string } }): number {
  return decision.object !== undefined && isClusterScoped(decision.object.kind) ? 0 : 1;
}

/** `dir/a.yaml:12` before `dir/a.yaml:3`? No: by file, then by line number. */
function compareSources(a: string, b: string): number {
  const [fileA = '', lineA = '0'] = a.split(/:(?=\d+$)/);
  const [fileB = '', lineB = '0'] = b.split(/:(?=\d+$)/);
  return fileA.localeCompare(fileB) || Number(lineA) - Number(lineB);
}

/** One line per outcome, for reports and errors: `solution/web.yaml:1 Deployment web: applied`. */
export function describeOutcome(outcome: ManifestOutcome): string {
  const what = [outcome.ref.kind, outcome.ref.name].filter((v) => v !== undefined).join(' ');
  const head = what === '' ? outcome.source : `${outcome.source} ${what}`;
  if (outcome.status === 'applied') return `${head}: applied`;
  if (outcome.status === 'refused') return `${head}: refused: ${outcome.reason}`;
  return `${head}: rejected by the API server: ${outcome.error}`;
}
