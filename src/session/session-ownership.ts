import { describeOwner, runOwner } from '../cluster/run-owner.js';

/** A cluster-scoped object a lab tells the student to create, as found on the cluster. */
export interface NamedLeftover {
  /** `persistentvolume/pv-demo`. */
  readonly label: string;
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** A PersistentVolume's spec.claimRef.namespace (bound or Released). */
  readonly claimNamespace?: string | undefined;
  /** Namespaces of the objects using it (pods of a PriorityClass, claims of a StorageClass). */
  readonly usedIn?: readonly string[];
}

/**
 * Whether an object the lab names (pv-demo, local-dynamic, high-priority) is the student's own
 * session's, so that `reset`/`cleanup` of the lab may delete it. It is not when another kubelab run
 * labelled it, when the volume is claimed from another namespace, or when something outside the
 * lab's namespace uses it: then the reason says so.
 */
export function sessionOwns(
  object: NamedLeftover,
  sessionNamespace: string,
): { readonly owned: true } | { readonly owned: false; readonly reason: string } {
  const owner = runOwner(object.labels);
  if (owner.kind !== 'session')
    return { owned: false, reason: `left ${object.label}: it belongs to ${describeOwner(owner)}` };
  if (object.claimNamespace !== undefined && object.claimNamespace !== sessionNamespace) {
    return {
      owned: false,
      reason: `left ${object.label}: it is bound to a claim of namespace ${object.claimNamespace}, not ${sessionNamespace}`,
    };
  }
  const others = [...new Set(object.usedIn ?? [])].filter((ns) => ns !== sessionNamespace).sort();
  if (others.length > 0) {
    return {
      owned: false,
      reason: `left ${object.label}: it is in use in namespace${others.length === 1 ? '' : 's'} ${others.join(', ')}, outside ${sessionNamespace}`,
    };
  }
  return { owned: true };
}
