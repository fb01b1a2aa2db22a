import type { KubeObject } from './cluster.js';

/**
 * Annotations that make a StorageClass a cluster default: the GA key and the old beta key, both
 * still honoured by the API server's DefaultStorageClass admission plugin.
 */
export const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.beta.kubernetes.io/is-default-class',
  'storageclass.kubernetes.io/is-default-class',
] as const;

/** The cluster's default StorageClass(es) (either key set to "true"), sorted by name, leaving out `exclude`. */
export function defaultClasses<T extends KubeObject>(classes: readonly T[], exclude?: string): T[] {
  return classes
    .filter(
      (c) =>
        DEFAULT_CLASS_ANNOTATIONS.some((key) => c.metadata.annotations?.[key] === 'true') &&
        c.metadata.name !== exclude,
    )
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}
