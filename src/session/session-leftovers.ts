import { cleanupApiVersion } from '../cluster/cleanup/cleanup.js';
import type { CleanupCandidate } from '../cluster/cleanup/cleanup-plan.js';
import { objectLabel } from '../cluster/cleanup/cleanup-plan.js';
import type { Cluster, KubeObject, ObjectRef } from '../cluster/cluster.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { parseYaml } from '../model/safe-yaml.js';
import { scopeFor } from '../model/scope.js';
import { readManifestDir } from '../cluster/manifest-files.js';
import { sessionOwns } from './session-ownership.js';

type Named = Omit<ObjectRef, 'namespace'>;

interface Used extends KubeObject {
  spec?: {
    priorityClassName?: string;
    storageClassName?: string;
    claimRef?: { namespace?: string };
    persistentVolumeReclaimPolicy?: string;
  };
}

/**
 * The cluster-scoped objects a lab's files create (its `clusterScoped:` kinds, named in solution/
 * and starter/): `PersistentVolume pv-demo`, `StorageClass local-dynamic`, sorted.
 */
export async function labNamedObjects(loaded: LoadedLab): Promise<Named[]> {
  const { lab } = loaded;
  const kinds = new Set<string>(lab.clusterScoped);
  const found = new Map<string, Named>();
  for (const [dir, label] of [
    [loaded.solutionDir, 'solution'],
    [loaded.starterDir, 'starter'],
  ] as const) {
    const { files } = await readManifestDir(dir, label, lab.extraFiles).catch(() => ({
      files: [],
    }));
    for (const file of files) {
      for (const doc of parseYaml(file.text, { file: file.source })) {
        const object = doc.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
        const kind = object?.kind;
        const name = object?.metadata?.name;
        if (typeof kind !== 'string' || typeof name !== 'string' || !kinds.has(kind)) continue;
        const apiVersion = cleanupApiVersion(kind);
        if (apiVersion !== undefined) found.set(`${kind}/${name}`, { apiVersion, kind, name });
      }
    }
  }
  return [...found.values()].sort((a, b) => objectLabel(a).localeCompare(objectLabel(b)));
}

/**
 * What the student's own session of a lab created outside its namespace without kubelab's labels
 * (they applied it with kubectl, as the README says): the objects the lab's files name, and the
 * PersistentVolumes claimed from the lab's namespace that outlive their claim (a Released pv-demo,
 * a Retained dynamic volume). Each is taken only when sessionOwns says it is the session's; the others are left with
 * a sentence saying why.
 */
export async function sessionLeftovers(options: {
  readonly cluster: Cluster;
  readonly loaded: LoadedLab;
  readonly signal?: AbortSignal;
}): Promise<{ take: CleanupCandidate[]; left: string[] }> {
  const { cluster, loaded, signal } = options;
  const namespace = scopeFor(loaded.lab.id).namespace;
  const named = await labNamedObjects(loaded);
  const kinds = new Set(named.map((n) => n.kind));
  const volumes = await cluster.list<Used>({ apiVersion: 'v1', kind: 'PersistentVolume' }, signal);
  const pods = kinds.has('PriorityClass')
    ? await cluster.list<Used>({ apiVersion: 'v1', kind: 'Pod' }, signal)
    : [];
  const claims = kinds.has('StorageClass')
    ? await cluster.list<Used>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, signal)
    : [];
  const objects = new Map<string, { ref: Named; object: Used }>();
  for (const ref of named) {
    const object =
      ref.kind === 'PersistentVolume'
        ? volumes.find((v) => v.metadata.name === ref.name)
        : await cluster.get<Used>(ref, signal);
    if (object !== undefined) objects.set(objectLabel(ref), { ref, object });
  }
  for (const volume of volumes) {
    // A volume of reclaim policy Delete goes with its claim (its provisioner removes it and its data).
    if (volume.spec?.claimRef?.namespace !== namespace) continue;
    if (volume.spec.persistentVolumeReclaimPolicy === 'Delete') continue;
    const ref = { apiVersion: 'v1', kind: 'PersistentVolume', name: volume.metadata.name ?? '' };
    objects.set(objectLabel(ref), { ref, object: volume });
  }
  const take: CleanupCandidate[] = [];
  const left: string[] = [];
  for (const [label, { ref, object }] of [...objects.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const usedIn =
      ref.kind === 'PriorityClass'
        ? pods.filter((p) => p.spec?.priorityClassName === ref.name)
        : ref.kind === 'StorageClass'
          ? claims.filter((c) => c.spec?.storageClassName === ref.name)
          : [];
    const verdict = sessionOwns(
      {
        label,
        labels: object.metadata.labels,
        claimNamespace: object.spec?.claimRef?.namespace,
        usedIn: usedIn.map((u) => u.metadata.namespace ?? ''),
      },
      namespace,
    );
    if (verdict.owned)
      take.push({ ref, uid: object.metadata.uid, labels: object.metadata.labels ?? {} });
    else left.push(verdict.reason);
  }
  return { take, left };
}
