import type { KubeObject } from '../../cluster/cluster.js';
import { WaitImpossibleError, WaitTimeoutError } from '../../cluster/errors.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

/** How long a cluster that just started gets for CoreDNS to become Ready. */
const DNS_ENDPOINTS_TIMEOUT_MS = 20_000;

interface EndpointSlice extends KubeObject {
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
}

/** A kube-system Service labelled k8s-app=kube-dns (CoreDNS or kube-dns) with Ready endpoints. */
export const dnsService: DoctorItem = {
  title: 'cluster DNS Service',
  required: true,
  async run({ cluster, signal }) {
    const services = await cluster.list(
      {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'kube-system',
        labelSelector: 'k8s-app=kube-dns',
      },
      signal,
    );
    const service = services.map((s) => s.metadata.name ?? '?').sort()[0];
    if (service === undefined) {
      return notOk(
        'no Service labelled k8s-app=kube-dns in kube-system',
        'install CoreDNS (minikube and kubeadm clusters have it: `kubectl -n kube-system get svc`)',
      );
    }
    try {
      const ready = await cluster.waitFor<EndpointSlice, number>(
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          namespace: 'kube-system',
          labelSelector: `kubernetes.io/service-name=${service}`,
        },
        {
          description: `Service kube-system/${service} to have a Ready endpoint`,
          check: (slices) => {
            const count = slices
              .flatMap((slice) => slice.endpoints ?? [])
              .filter((endpoint) => endpoint.conditions?.ready !== false).length;
            return count > 0
              ? { state: 'met', value: count }
              : { state: 'pending', errors: ['no Ready endpoint in its EndpointSlices'] };
          },
        },
        { timeoutMs: DNS_ENDPOINTS_TIMEOUT_MS, signal },
      );
      return ok(`kube-system/${service}, ${ready} Ready endpoint${ready === 1 ? '' : 's'}`);
    } catch (error) {
      if (error instanceof WaitTimeoutError || error instanceof WaitImpossibleError) {
        return notOk(
          `kube-system/${service} has no Ready endpoint: ${error.message}`,
          '`kubectl -n kube-system get pods -l k8s-app=kube-dns` and their logs',
        );
      }
      throw error;
    }
  },
};
