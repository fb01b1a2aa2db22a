import type { Cluster, KubeObject, ListRef } from '../../../src/cluster/cluster.js';

/**
 * The cluster a submission's cleanup sees, as far as it asks: nothing labelled for the submission,
 * and one volume a provisioner made for a claim of `namespace`. Waiting for the volume to go ends
 * with `volumeError` when given (else it is gone); `listError` makes every list fail, as an API
 * server that is down does.
 */
export function cleanupFakeCluster(options: {
  readonly namespace: string;
  readonly volumeError?: Error;
  readonly listError?: Error;
}): Cluster {
  const volume = provisionedVolume(options.namespace);
  const unlabelledVolumes = (ref: ListRef): boolean =>
    ref.kind === 'PersistentVolume' && ref.labelSelector === undefined;
  return {
    context: 'kubelab',
    list: (ref: ListRef) =>
      options.listError !== undefined
        ? Promise.reject(options.listError)
        : Promise.resolve(unlabelledVolumes(ref) ? [volume] : []),
    waitForDeletion: () =>
      options.volumeError === undefined ? Promise.resolve() : Promise.reject(options.volumeError),
  } as unknown as Cluster;
}

/** A volume a provisioner made for claim `data` of `namespace`, reclaim policy Delete. */
export function provisionedVolume(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: 'pvc-1234',
      uid: 'u-1',
      annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' },
    },
    spec: {
      claimRef: { namespace, name: 'data' },
      persistentVolumeReclaimPolicy: 'Delete',
      hostPath: { path: '/opt/local-path-provisioner/pvc-1234' },
    },
  } satisfies KubeObject;
}
