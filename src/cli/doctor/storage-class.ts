import type { KubeObject } from '../../cluster/cluster.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

interface StorageClassObject extends KubeObject {
  provisioner?: string;
}

/** A default StorageClass exists (the storage labs create PVCs without storageClassName). */
export const storageClassItem: DoctorItem = {
  title: 'default StorageClass',
  required: false,
  async run({ cluster, signal }) {
    const classes = await cluster.list<StorageClassObject>(
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
      signal,
    );
    const defaults = classes
      .filter((sc) => DEFAULT_ANNOTATIONS.some((key) => sc.metadata.annotations?.[key] === 'true'))
      .map((sc) => `${sc.metadata.name ?? '?'} (${sc.provisioner ?? 'no provisioner'})`)
      .sort();
    if (defaults.length === 1) return ok(defaults[0] as string);
    if (defaults.length > 1)
      return notOk(
        `several defaults: ${defaults.join(', ')}`,
        'keep one StorageClass marked default',
      );
    const names = classes.map((sc) => sc.metadata.name ?? '?').sort();
    return notOk(
      names.length === 0
        ? 'no StorageClass at all'
        : `none marked default (have: ${names.join(', ')})`,
      'install a provisioner (minikube: `minikube addons enable default-storageclass storage-provisioner`)',
    );
  },
};
