import type { Cluster, KubeObject } from './cluster.js';
import { defaultClasses } from './default-storage-class.js';

/**
 * A reference solution cannot know which provisioner the cluster it is verified on runs
 * (`rancher.io/local-path` on the project's cluster and kind, `k8s.io/minikube-hostpath` on
 * minikube). A StorageClass in a solution that carries this annotation with the value
 * `cluster-default` gets the provisioner of the cluster's default class when `verify` applies it;
 * the provisioner written in the file is what a reader of the solution sees.
 */
const PROVISIONER_ANNOTATION = 'kubelab.dev/provisioner';
export const CLUSTER_DEFAULT_PROVISIONER = 'cluster-default';

interface StorageClassLike extends KubeObject {
  provisioner?: string;
}

/** The provisioner of the cluster's default StorageClass (the first by name), if it has one. */
export function defaultProvisioner(classes: readonly StorageClassLike[]): string | undefined {
  return defaultClasses(classes)[0]?.provisioner;
}

/**
 * The object with its provisioner set to `provisioner` when it is a StorageClass annotated
 * `kubelab.dev/provisioner: cluster-default`; any other object unchanged. Throws when such a class
 * is met on a cluster with no default class, since the solution cannot be applied faithfully then.
 */
export function adaptProvisioner(object: KubeObject, provisioner: string | undefined): KubeObject {
  if (object.kind !== 'StorageClass') return object;
  if (object.metadata.annotations?.[PROVISIONER_ANNOTATION] !== CLUSTER_DEFAULT_PROVISIONER) {
    return object;
  }
  if (provisioner === undefined) {
    throw new Error(
      `StorageClass ${object.metadata.name ?? '?'} asks for the cluster's default provisioner (${PROVISIONER_ANNOTATION}: ${CLUSTER_DEFAULT_PROVISIONER}), but the cluster has no default StorageClass`,
    );
  }
  return { ...object, provisioner } as KubeObject;
}

/** Reads the cluster's default provisioner once and returns the adapter for a solution's objects. */
export async function clusterProvisionerAdapter(
  cluster: Cluster,
  signal?: AbortSignal,
): Promise<(object: KubeObject) => KubeObject> {
  const classes = await cluster.list<StorageClassLike>(
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
    signal,
  );
  const provisioner = defaultProvisioner(classes);
  return (object) => adaptProvisioner(object, provisioner);
}
