import type { Pod } from '../pods/pod-state.js';

/** The annotation the kubelet puts on the API copy ("mirror pod") of a static pod. */
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

/** The kubelet names a mirror pod `<pod name>-<node name>`. */
export function mirrorPodName(pod: string, node: string): string {
  return `${pod}-${node}`;
}
