import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { NODE_REF, type NodeObject } from '../workloads/daemonset.js';
import { ENDPOINT_SLICE_REF, type EndpointSlice } from '../network/endpoint-slices.js';
import { isMirrorPod } from './mirror-pod.js';
import { POD_REF, isPodReady, type Pod } from '../pods/pod-state.js';

/**
 * Facts about the live cluster, computed the way a student finds them with kubectl: each is the
 * truth an answer in cluster-anatomy's answers.yaml is compared with.
 */
type Ctx = Pick<CheckContext, 'cluster' | 'signal'>;

interface CommandPod extends Pod {
  spec?: Pod['spec'] & { containers?: { name: string; command?: string[]; args?: string[] }[] };
}

/** The container runtimes of the nodes: `containerd://1.6.20` → { name: containerd, version: 1.6.20 }. */
export async function containerRuntimes(
  ctx: Ctx,
): Promise<{ node: string; name: string; version: string }[]> {
  const nodes = await ctx.cluster.list<NodeObject>(NODE_REF, ctx.signal);
  return nodes
    .map((n) => {
      const [name = '', version = ''] = (n.status?.nodeInfo?.containerRuntimeVersion ?? '').split(
        '://',
      );
      return { node: n.metadata.name ?? '', name, version: version.replace(/^v/, '') };
    })
    .sort((a, b) => a.node.localeCompare(b.node));
}

async function kubeSystemPods(ctx: Ctx): Promise<CommandPod[]> {
  return ctx.cluster.list<CommandPod>({ ...POD_REF, namespace: 'kube-system' }, ctx.signal);
}

/** The name of a static pod's component: its `component` label (kubeadm), or its name without `-<node>`. */
function componentOf(pod: Pod): string {
  const label = pod.metadata.labels?.['component'];
  if (label !== undefined) return label;
  const name = pod.metadata.name ?? '';
  const node = pod.spec?.nodeName;
  return node !== undefined && name.endsWith(`-${node}`) ? name.slice(0, -node.length - 1) : name;
}

/** The components that run as static pods in kube-system (mirror pods), sorted and deduplicated. */
export async function staticComponents(ctx: Ctx): Promise<string[]> {
  const pods = await kubeSystemPods(ctx);
  return [...new Set(pods.filter(isMirrorPod).map(componentOf))].sort();
}

export const ControlPlaneLocation = {
  staticPods: 'static-pods',
  nodeProcesses: 'node-processes',
  outsideTheNodes: 'outside-the-nodes',
} as const;
export type ControlPlaneLocation = (typeof ControlPlaneLocation)[keyof typeof ControlPlaneLocation];

/**
 * Where the API server runs: as a static pod (a kube-apiserver mirror pod in kube-system), as a
 * process on a node (the `kubernetes` Service's endpoint is a node's address, no pod), or outside
 * the nodes (a managed control plane).
 */
export async function controlPlaneLocation(
  ctx: Ctx,
): Promise<{ location: ControlPlaneLocation; evidence: string }> {
  const pods = await kubeSystemPods(ctx);
  const apiserver = pods.find((p) => isMirrorPod(p) && componentOf(p) === 'kube-apiserver');
  if (apiserver !== undefined)
    return {
      location: 'static-pods',
      evidence: `mirror pod kube-system/${apiserver.metadata.name ?? ''}`,
    };
  const slices = await ctx.cluster.list<EndpointSlice>(
    {
      ...ENDPOINT_SLICE_REF,
      namespace: 'default',
      labelSelector: 'kubernetes.io/service-name=kubernetes',
    },
    ctx.signal,
  );
  const endpoints = slices
    .flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses ?? []))
    .sort();
  const nodes = await ctx.cluster.list<NodeObject>(NODE_REF, ctx.signal);
  const nodeAddresses = new Map(
    nodes.flatMap((n) =>
      (n.status?.addresses ?? []).map((a) => [a.address, n.metadata.name ?? ''] as const),
    ),
  );
  const onNode = endpoints.find((a) => nodeAddresses.has(a));
  if (onNode !== undefined) {
    return {
      location: 'node-processes',
      evidence: `no kube-apiserver pod in kube-system; the kubernetes Service's endpoint ${onNode} is node ${nodeAddresses.get(onNode) ?? ''}'s address`,
    };
  }
  return {
    location: 'outside-the-nodes',
    evidence: `no kube-apiserver pod; the kubernetes Service's endpoints (${endpoints.join(', ') || 'none'}) are no node's address`,
  };
}

interface ServiceCidr extends KubeObject {
  spec?: { cidrs?: string[] };
}

/**
 * The Service IP range the API server was configured with: its --service-cluster-ip-range flag
 * when it runs as a static pod, else the default ServiceCIDR object `kubernetes` (networking.k8s.io/v1,
 * Kubernetes 1.33+) that the API server creates from that same flag. Undefined when neither is visible.
 */
export async function serviceCidrs(
  ctx: Ctx,
): Promise<{ cidrs: string[]; evidence: string } | undefined> {
  const pods = await kubeSystemPods(ctx);
  for (const pod of pods.filter((p) => componentOf(p) === 'kube-apiserver')) {
    for (const container of pod.spec?.containers ?? []) {
      for (const arg of [...(container.command ?? []), ...(container.args ?? [])]) {
        const match = /^--service-cluster-ip-range=(.+)$/.exec(arg);
        if (match?.[1] !== undefined)
          return {
            cidrs: match[1]
              .split(',')
              .map((c) => c.trim())
              .sort(),
            evidence: `pod kube-system/${pod.metadata.name ?? ''}: ${arg}`,
          };
      }
    }
  }
  try {
    const object = await ctx.cluster.get<ServiceCidr>(
      { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', name: 'kubernetes' },
      ctx.signal,
    );
    const cidrs = object?.spec?.cidrs ?? [];
    if (cidrs.length > 0)
      return {
        cidrs: [...cidrs].sort(),
        evidence: `ServiceCIDR kubernetes: spec.cidrs ${cidrs.join(', ')}`,
      };
  } catch {
    // No ServiceCIDR API before Kubernetes 1.33: nothing more to read.
  }
  return undefined;
}

/** CoreDNS pods Running and Ready in kube-system (label k8s-app=kube-dns, as kubeadm and minikube set it). */
export async function corednsReady(ctx: Ctx): Promise<{ count: number; pods: string[] }> {
  const pods = await ctx.cluster.list<Pod>(
    { ...POD_REF, namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' },
    ctx.signal,
  );
  const ready = pods
    .filter(isPodReady)
    .map((p) => p.metadata.name ?? '')
    .sort();
  return { count: ready.length, pods: ready };
}

/** A CIDR written by hand, compared with the API's: trimmed, lowercase, host bits as given. */
export function normaliseCidr(text: string): string {
  return text.trim().toLowerCase();
}
