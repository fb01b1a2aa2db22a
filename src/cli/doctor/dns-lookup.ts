import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import { ApiError, WaitImpossibleError, WaitTimeoutError } from '../../cluster/errors.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../model/scope.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

/** Where doctor runs its short-lived pods; labelled, so `kubelab cleanup` removes it. */
export const DOCTOR_NAMESPACE = 'kubelab-doctor';
/** The busybox every lab uses (labs/images.yaml), so a pass also proves it can start. */
export const DNS_PROBE_IMAGE = 'docker.io/library/busybox:1.35';
/** The name looked up: the API server's Service, which every cluster has (cluster domain cluster.local). */
export const DNS_PROBE_NAME = 'kubernetes.default.svc.cluster.local';
/** Room for a first image pull on minikube; a local image starts in a few seconds. */
const POD_TIMEOUT_MS = 90_000;
/** The service account controller fills a new namespace within a second or two. */
const SERVICE_ACCOUNT_TIMEOUT_MS = 30_000;

interface PodObject extends KubeObject {
  status?: { phase?: string };
}

/** A real lookup from a short-lived busybox pod: `nslookup kubernetes.default.svc.cluster.local`. */
export const dnsLookup: DoctorItem = {
  title: 'DNS lookup from a pod',
  required: true,
  async run({ cluster, signal }) {
    try {
      await ensureDoctorNamespace(cluster, signal);
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error;
      return notOk(
        error.message,
        'is kube-controller-manager running? It creates the default ServiceAccount of every namespace',
      );
    }
    const pod = await cluster.create<PodObject>(probePod(), signal);
    const name = pod.metadata.name ?? '?';
    try {
      const phase = await cluster.waitFor<PodObject, string>(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: DOCTOR_NAMESPACE,
          fieldSelector: `metadata.name=${name}`,
        },
        {
          description: `pod ${DOCTOR_NAMESPACE}/${name} to finish its lookup`,
          check: ([current]) => {
            const value = current?.status?.phase;
            return value === 'Succeeded' || value === 'Failed'
              ? { state: 'met', value }
              : { state: 'pending', errors: [`phase ${value ?? 'unknown'}`] };
          },
        },
        { timeoutMs: POD_TIMEOUT_MS, signal },
      );
      const output = (
        await cluster.logs({ namespace: DOCTOR_NAMESPACE, pod: name, tailLines: 20 })
      ).trim();
      const address = /Address(?: \d+)?:\s*([0-9a-f.:]+)\s*$/m.exec(
        output.split(/Name:/)[1] ?? '',
      )?.[1];
      if (phase === 'Succeeded' && address !== undefined)
        return ok(`${DNS_PROBE_NAME} → ${address}`);
      return notOk(
        `nslookup ${DNS_PROBE_NAME} ${phase === 'Succeeded' ? 'gave no address' : 'failed'}: ${oneLine(output)}`,
        '`kubectl -n kube-system logs -l k8s-app=kube-dns`, and check the pod network (kube-proxy, CNI)',
      );
    } catch (error) {
      if (error instanceof WaitTimeoutError || error instanceof WaitImpossibleError) {
        return notOk(
          error.message,
          `\`kubectl -n ${DOCTOR_NAMESPACE} describe pod ${name}\` (image ${DNS_PROBE_IMAGE} present?)`,
        );
      }
      throw error;
    } finally {
      await cluster.delete(
        { apiVersion: 'v1', kind: 'Pod', namespace: DOCTOR_NAMESPACE, name },
        { gracePeriodSeconds: 0 },
      );
    }
  },
};

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(no output)' : flat.slice(0, 300);
}

function probePod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'dns-probe-',
      namespace: DOCTOR_NAMESPACE,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'lookup',
          image: DNS_PROBE_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['nslookup', DNS_PROBE_NAME],
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '100m', memory: '32Mi' },
          },
        },
      ],
    },
  };
}

/** Creates the doctor namespace if missing and waits for its default ServiceAccount (pods need it). */
async function ensureDoctorNamespace(cluster: Cluster, signal: AbortSignal): Promise<void> {
  const existing = await cluster.get(
    { apiVersion: 'v1', kind: 'Namespace', name: DOCTOR_NAMESPACE },
    signal,
  );
  if (existing === undefined) {
    try {
      await cluster.create(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: DOCTOR_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
        },
        signal,
      );
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 409)) throw error;
    }
  }
  await cluster.waitFor(
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace: DOCTOR_NAMESPACE,
      fieldSelector: 'metadata.name=default',
    },
    {
      description: `ServiceAccount ${DOCTOR_NAMESPACE}/default to exist`,
      check: (accounts) =>
        accounts.length > 0
          ? { state: 'met', value: true }
          : { state: 'pending', errors: ['not created yet'] },
    },
    { timeoutMs: SERVICE_ACCOUNT_TIMEOUT_MS, signal },
  );
}
