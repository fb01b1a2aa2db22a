import type { Pod } from './pod-state.js';

export interface PodWithVolumes extends Pod {
  spec?: Pod['spec'] & {
    volumes?: {
      name: string;
      persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
    }[];
    containers?: {
      name: string;
      image?: string;
      volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
    }[];
  };
}

export interface ClaimMount {
  readonly container: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
}

/** Where (container, path) the pod mounts the claim `claim`, sorted by container then path. */
export function claimMounts(pod: PodWithVolumes, claim: string): ClaimMount[] {
  const volumes = (pod.spec?.volumes ?? []).filter(
    (v) => v.persistentVolumeClaim?.claimName === claim,
  );
  const mounts: ClaimMount[] = [];
  for (const volume of volumes) {
    for (const container of pod.spec?.containers ?? []) {
      for (const mount of container.volumeMounts ?? []) {
        if (mount.name !== volume.name) continue;
        mounts.push({
          container: container.name,
          mountPath: mount.mountPath.replace(/\/+$/, '') || '/',
          readOnly: mount.readOnly === true || volume.persistentVolumeClaim?.readOnly === true,
        });
      }
    }
  }
  return mounts.sort(
    (a, b) => a.container.localeCompare(b.container) || a.mountPath.localeCompare(b.mountPath),
  );
}

/** Claims the pod uses, sorted. */
export function claimsOf(pod: PodWithVolumes): string[] {
  return (pod.spec?.volumes ?? [])
    .flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []))
    .sort();
}
