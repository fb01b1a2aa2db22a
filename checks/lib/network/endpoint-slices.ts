import type { KubeObject } from '../../../src/check-api/index.js';

/** The fields of a discovery.k8s.io/v1 EndpointSlice the checks read. */
export interface EndpointSlice extends KubeObject {
  endpoints?: {
    addresses?: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string; namespace?: string };
  }[];
}

export const ENDPOINT_SLICE_REF = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
} as const;

/** The label the EndpointSlice controller puts on every slice of a Service. */
export function sliceSelector(service: string): string {
  return `kubernetes.io/service-name=${service}`;
}

/** One pod as a Service's EndpointSlices list it. */
export interface PodEndpoint {
  readonly pod: string;
  readonly address: string;
  /** conditions.ready: the pod receives the Service's traffic. */
  readonly ready: boolean;
}

/** Every pod endpoint of the slices, by pod name (sorted); endpoints not backed by a pod are left out. */
export function podEndpoints(slices: readonly EndpointSlice[]): PodEndpoint[] {
  const byPod = new Map<string, PodEndpoint>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const pod = endpoint.targetRef?.kind === 'Pod' ? endpoint.targetRef.name : undefined;
      if (pod === undefined) continue;
      // A missing `ready` means ready (discovery.k8s.io/v1 semantics).
      const ready = endpoint.conditions?.ready !== false;
      byPod.set(pod, {
        pod,
        address: endpoint.addresses?.[0] ?? '?',
        ready: (byPod.get(pod)?.ready ?? false) || ready,
      });
    }
  }
  return [...byPod.values()].sort((a, b) => a.pod.localeCompare(b.pod));
}

/** `web-1 10.244.0.7 ready, web-2 10.244.0.8 not ready`, or `no endpoints`. */
export function describeEndpoints(endpoints: readonly PodEndpoint[]): string {
  if (endpoints.length === 0) return 'no endpoints';
  return endpoints
    .map((e) => `${e.pod} ${e.address} ${e.ready ? 'ready' : 'not ready'}`)
    .join(', ');
}
