import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { isPlainObject } from '../match.js';

/** Metadata fields the API server owns: dropped before an object is created again. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'selfLink',
] as const;

/** The volume the ServiceAccount admission plugin injects; it injects it again on create. */
const TOKEN_VOLUME = /^kube-api-access-/;

/**
 * A copy of `object` that can be POSTed again: no status, no server-owned metadata, and for a pod
 * no node binding nor injected token volume, so the new pod goes through the scheduler and
 * admission like the student's original did.
 */
export function recreatable(object: KubeObject): KubeObject {
  const copy = structuredClone(object) as KubeObject;
  delete copy['status'];
  for (const field of SERVER_METADATA) delete copy.metadata[field];
  if (object.kind === 'Pod' && isPlainObject(copy['spec'])) {
    const spec = copy['spec'];
    delete spec['nodeName'];
    if (Array.isArray(spec['volumes'])) {
      spec['volumes'] = spec['volumes'].filter(
        (v) => !(isPlainObject(v) && TOKEN_VOLUME.test(String(v['name']))),
      );
    }
    for (const key of ['containers', 'initContainers'] as const) {
      const containers = spec[key];
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        if (isPlainObject(container) && Array.isArray(container['volumeMounts'])) {
          container['volumeMounts'] = container['volumeMounts'].filter(
            (m) => !(isPlainObject(m) && TOKEN_VOLUME.test(String(m['name']))),
          );
        }
      }
    }
  }
  if (object.kind === 'PersistentVolumeClaim' && isPlainObject(copy['spec'])) {
    // A volumeName the binder filled in (not the student) must not survive: the new claim binds afresh.
    const annotations = copy.metadata.annotations ?? {};
    if (annotations['pv.kubernetes.io/bound-by-controller'] === 'yes')
      delete copy['spec']['volumeName'];
    for (const key of Object.keys(annotations)) {
      if (key.startsWith('pv.kubernetes.io/') || key.startsWith('volume.')) delete annotations[key];
    }
  }
  return copy;
}

/**
 * Deletes an object and waits (on the watch) until it is gone, so the same name can be created
 * again. Resolves false when the deadline passed first.
 */
export async function deleteAndWait(
  ctx: CheckContext,
  object: KubeObject,
  timeoutMs: number,
): Promise<boolean> {
  const ref = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name ?? '',
    ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
  };
  await ctx.cluster.delete(ref, { signal: ctx.signal, propagationPolicy: 'Background' });
  try {
    await ctx.cluster.waitForDeletion(ref, {
      timeoutMs,
      signal: ctx.signal,
      uid: object.metadata.uid,
    });
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'WaitTimeoutError' && !ctx.signal.aborted)
      return false;
    throw error;
  }
}
