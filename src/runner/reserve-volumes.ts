import type { KubeObject } from '../cluster/cluster.js';
import { parseQuantity } from '../cluster/quantity.js';
import type { Scope } from '../model/scope.js';
import { isJson, type Json } from './pod-specs.js';

/**
 * In a graded scope (batch grading, verify), reserves each PersistentVolume of no class for the
 * claim of the same submission that the PV controller would bind it to, by writing the PV's
 * spec.claimRef ("pre-binding", the documented way to keep a volume for one claim).
 *
 * Why: the scope's claims are already fenced to the scope's volumes (apply-policy.ts
 * fenceStaticClaim), but a claim of no class from anywhere else — a student self-checking on the
 * same cluster, another test — could still take an Available volume of no class that fits: in CI a
 * self-check's pvc-demo was bound to a batch run's student-02--pv-demo, and both runs graded wrong.
 * A PV pre-bound to a claim is skipped by every other claim.
 *
 * The pairing is the one the controller makes (FindMatchingVolume), never another: a volume is
 * reserved only for a claim it satisfies — same class "", access modes included in the volume's,
 * same volumeMode, capacity at least the request, the claim's selector matching the volume's labels
 * — and each claim gets the smallest such volume, claims taken in the order they were written. This
 * matters because a pre-bound volume is given to its claim without the class and selector tests:
 * reserving a volume the controller would not have chosen would change the grade. A claim that names
 * its volume (spec.volumeName) gets that volume reserved; the controller still checks that they fit.
 * Claims of a class (dynamic provisioning, or a class's own volumes) and volumes with a claimRef the
 * student wrote are left alone. Works in place on the copies about to be sent.
 */
export function reserveStaticVolumes(objects: readonly KubeObject[], scope: Scope): void {
  if (scope.clusterPrefix === '') return;
  const volumes = objects.filter(
    (o) =>
      o.kind === 'PersistentVolume' && specOf(o) !== undefined && !isJson(specOf(o)?.['claimRef']),
  );
  const claims = objects.filter(
    (o) =>
      o.kind === 'PersistentVolumeClaim' &&
      o.metadata.name !== undefined &&
      (o.metadata.namespace ?? scope.namespace) === scope.namespace,
  );
  const reserved = new Set<KubeObject>();
  const reserve = (volume: KubeObject, claim: KubeObject): void => {
    reserved.add(volume);
    (specOf(volume) as Json)['claimRef'] = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: scope.namespace,
      name: claim.metadata.name,
    };
  };
  for (const claim of claims) {
    const named = specOf(claim)?.['volumeName'];
    if (typeof named !== 'string' || named === '') continue;
    const volume = volumes.find((v) => v.metadata.name === named && !reserved.has(v));
    if (volume !== undefined) reserve(volume, claim);
  }
  for (const claim of claims) {
    const spec = specOf(claim);
    if (spec === undefined || spec['storageClassName'] !== '') continue;
    if (typeof spec['volumeName'] === 'string' && spec['volumeName'] !== '') continue;
    let best: { volume: KubeObject; size: number } | undefined;
    for (const volume of volumes) {
      if (reserved.has(volume)) continue;
      const size = fits(volume, spec);
      if (size !== undefined && (best === undefined || size < best.size)) best = { volume, size };
    }
    if (best !== undefined) reserve(best.volume, claim);
  }
}

function specOf(object: KubeObject): Json | undefined {
  const spec = object['spec'];
  return isJson(spec) ? spec : undefined;
}

/** The volume's capacity in bytes if it satisfies the claim of no class, else undefined. */
function fits(volume: KubeObject, claim: Json): number | undefined {
  const spec = specOf(volume) ?? {};
  const volumeClass = spec['storageClassName'] ?? '';
  if (volumeClass !== '') return undefined;
  if ((spec['volumeMode'] ?? 'Filesystem') !== (claim['volumeMode'] ?? 'Filesystem'))
    return undefined;
  const offered = new Set(Array.isArray(spec['accessModes']) ? spec['accessModes'] : []);
  const wanted = Array.isArray(claim['accessModes']) ? claim['accessModes'] : [];
  if (!wanted.every((mode) => offered.has(mode))) return undefined;
  const capacity = isJson(spec['capacity'])
    ? parseQuantity(spec['capacity']['storage'])
    : undefined;
  const resources = isJson(claim['resources']) ? claim['resources'] : {};
  const requests = isJson(resources['requests']) ? resources['requests'] : {};
  const request = parseQuantity(requests['storage'] ?? 0);
  if (capacity === undefined || request === undefined || capacity < request) return undefined;
  const labels = volume.metadata.labels ?? {};
  return selectorMatches(claim['selector'], labels) ? capacity : undefined;
}

/** A LabelSelector (matchLabels ANDed with matchExpressions) against a set of labels. */
export function selectorMatches(
  selector: unknown,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!isJson(selector)) return true;
  const matchLabels = isJson(selector['matchLabels']) ? selector['matchLabels'] : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  const expressions = Array.isArray(selector['matchExpressions'])
    ? selector['matchExpressions']
    : [];
  for (const expression of expressions) {
    if (!isJson(expression) || typeof expression['key'] !== 'string') return false;
    const has = Object.hasOwn(labels, expression['key']);
    const value = labels[expression['key']];
    const values: unknown[] = Array.isArray(expression['values']) ? expression['values'] : [];
    switch (expression['operator']) {
      case 'In':
        if (!has || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
