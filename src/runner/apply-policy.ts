import type { KubeObject, ObjectRef } from '../cluster/cluster.js';
import { clusterName, type Scope } from '../model/scope.js';
import { PREFIXED_KINDS, isClusterScoped } from '../cluster/cluster-scoped.js';
import { isJson, podSpecsOf, type Json } from './pod-specs.js';
import { confinePersistentVolume } from './pv-host-path.js';
import { reserveStaticVolumes } from './reserve-volumes.js';
import { submissionRefusal } from './submission-rules.js';

/** One parsed manifest document and where it came from (`starter/web.yaml:12`). */
export interface SourcedDoc {
  readonly source: string;
  readonly object: KubeObject;
}

export type PolicyDecision =
  | { readonly action: 'send'; readonly source: string; readonly object: KubeObject }
  | {
      readonly action: 'refuse';
      readonly source: string;
      readonly ref: Partial<ObjectRef>;
      readonly reason: string;
    };

export interface ApplyPolicyOptions {
  readonly scope: Scope;
  /** Cluster-scoped kinds the lab allows (lab.clusterScoped). */
  readonly allowedClusterScoped: readonly string[];
  /**
   * Batch grading: PersistentVolume node directories (hostPath, local) are moved under
   * `<hostPathRoot>/<user>/<lab>/` and other PV sources are refused (see pv-host-path.ts).
   * Default: undefined (a student on their own cluster keeps their paths).
   */
  readonly hostPathRoot?: string;
}

function refOf(object: KubeObject): Partial<ObjectRef> {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.name === undefined ? {} : { name: object.metadata.name }),
    ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
  };
}

/** The names (as written) of the allowed cluster-scoped objects in this batch, by kind. */
function declaredNames(
  docs: readonly SourcedDoc[],
  allowed: ReadonlySet<string>,
): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const { object } of docs) {
    if (!allowed.has(object.kind) || !PREFIXED_KINDS.has(object.kind)) continue;
    const set = names.get(object.kind) ?? new Set<string>();
    if (object.metadata.name !== undefined) set.add(object.metadata.name);
    names.set(object.kind, set);
  }
  return names;
}

/**
 * Decides, for each student document, whether it may be sent to the API server, and rewrites it for
 * the scope. Pure: the same documents and scope give the same decisions, and the input is not
 * modified.
 * - Namespace documents are refused (kubelab owns the namespace).
 * - A namespaced document naming another namespace is refused, never sent.
 * - A cluster-scoped document is refused unless its kind is in lab.clusterScoped; allowed ones get
 *   the scope's prefix on their name and the scope's labels.
 * - References to those objects from other documents are rewritten to the prefixed names: PVC
 *   spec.volumeName and spec.storageClassName, PV spec.storageClassName, StatefulSet
 *   volumeClaimTemplates[].spec.storageClassName, Pod and pod-template spec.priorityClassName; PV
 *   spec.claimRef.namespace becomes the scope's namespace.
 * - A claim of no class that names no volume may bind only the scope's own volumes (fenceStaticClaim),
 *   and the scope's volumes of no class are reserved for the claims that fit them, so no claim from
 *   outside the scope takes them (reserve-volumes.ts).
 * - In a graded scope (a prefix: batch grading, verify), documents breaking the submission limits
 *   (submission-rules.ts: priority ceiling, globalDefault, system-* classes, default-class
 *   annotation, StorageClass parameters, externalIPs, NodePort/LoadBalancer) are refused; the
 *   cluster's admission policy (admission-policy.ts) refuses them too if they are sent anyway.
 */
export function applyPolicy(
  docs: readonly SourcedDoc[],
  options: ApplyPolicyOptions,
): PolicyDecision[] {
  const { scope } = options;
  const allowed = new Set(options.allowedClusterScoped);
  const declared = declaredNames(docs, allowed);
  const rename = (kind: string, name: unknown): unknown =>
    typeof name === 'string' && declared.get(kind)?.has(name) === true
      ? clusterName(scope, name)
      : name;

  const decisions = docs.map(({ source, object }): PolicyDecision => {
    const ref = refOf(object);
    if (object.kind === 'Namespace') {
      return {
        action: 'refuse',
        source,
        ref,
        reason: `Namespace objects are not applied: kubelab puts your objects in namespace ${scope.namespace}; remove this document`,
      };
    }
    const limit = scope.clusterPrefix === '' ? undefined : submissionRefusal(object);
    if (limit !== undefined) return { action: 'refuse', source, ref, reason: limit };
    const copy = structuredClone(object);
    if (isClusterScoped(object.kind)) {
      if (!allowed.has(object.kind)) {
        const list = [...allowed].sort().join(', ') || 'none';
        return {
          action: 'refuse',
          source,
          ref,
          reason: `${object.kind} is cluster-scoped and this lab does not allow it (allowed: ${list}); remove this document`,
        };
      }
      if (PREFIXED_KINDS.has(object.kind) && copy.metadata.name !== undefined) {
        copy.metadata.name = clusterName(scope, copy.metadata.name);
      }
      copy.metadata.labels = { ...(copy.metadata.labels ?? {}), ...scope.labels };
      if (object.kind === 'PersistentVolume' && options.hostPathRoot !== undefined) {
        const verdict = confinePersistentVolume(copy, scope, options.hostPathRoot);
        if (!verdict.ok) return { action: 'refuse', source, ref, reason: verdict.reason };
      }
    } else {
      const namespace = object.metadata.namespace;
      if (namespace !== undefined && namespace !== scope.namespace) {
        return {
          action: 'refuse',
          source,
          ref,
          reason: `${object.kind} ${object.metadata.name ?? ''} names namespace ${namespace}, but your objects go to ${scope.namespace}; remove metadata.namespace (or set it to ${scope.namespace})`,
        };
      }
    }
    rewriteReferences(copy, scope, rename);
    return { action: 'send', source, object: copy };
  });
  reserveStaticVolumes(
    decisions.flatMap((d) => (d.action === 'send' ? [d.object] : [])),
    scope,
  );
  return decisions;
}

/**
 * A claim of no class (storageClassName "") binds to any Available PersistentVolume of no class
 * that fits, whoever wrote it: on a shared cluster one student's claim took another's pv-demo. In a
 * scope with a prefix (batch grading, verify), such a claim that names no volume gets a selector on
 * the scope's labels, which the scope's own PersistentVolumes carry, ANDed with any selector the
 * student wrote. Claims of a class are left alone: a selector would stop dynamic provisioning, and
 * a class the submission declares is already the student's own (prefixed).
 */
function fenceStaticClaim(spec: Json, scope: Scope): void {
  if (scope.clusterPrefix === '' || spec['storageClassName'] !== '') return;
  if (typeof spec['volumeName'] === 'string' && spec['volumeName'] !== '') return;
  const selector = isJson(spec['selector']) ? spec['selector'] : {};
  const matchLabels = isJson(selector['matchLabels']) ? selector['matchLabels'] : {};
  spec['selector'] = { ...selector, matchLabels: { ...matchLabels, ...scope.labels } };
}

/** Rewrites, in place on the copy, the references to prefixed cluster-scoped objects. */
function rewriteReferences(
  object: KubeObject,
  scope: Scope,
  rename: (kind: string, name: unknown) => unknown,
): void {
  const spec = object['spec'];
  for (const podSpec of podSpecsOf(object)) {
    if ('priorityClassName' in podSpec)
      podSpec['priorityClassName'] = rename('PriorityClass', podSpec['priorityClassName']);
  }
  if (!isJson(spec)) return;
  if (object.kind === 'PersistentVolumeClaim') {
    if ('volumeName' in spec) spec['volumeName'] = rename('PersistentVolume', spec['volumeName']);
    if ('storageClassName' in spec)
      spec['storageClassName'] = rename('StorageClass', spec['storageClassName']);
    fenceStaticClaim(spec, scope);
  }
  if (object.kind === 'PersistentVolume') {
    if ('storageClassName' in spec)
      spec['storageClassName'] = rename('StorageClass', spec['storageClassName']);
    const claimRef = spec['claimRef'];
    if (isJson(claimRef)) claimRef['namespace'] = scope.namespace;
  }
  if (object.kind === 'StatefulSet' && Array.isArray(spec['volumeClaimTemplates'])) {
    for (const template of spec['volumeClaimTemplates']) {
      const templateSpec = isJson(template) ? template['spec'] : undefined;
      if (isJson(templateSpec) && 'storageClassName' in templateSpec) {
        templateSpec['storageClassName'] = rename('StorageClass', templateSpec['storageClassName']);
      }
    }
  }
}
