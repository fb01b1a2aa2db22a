import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Cluster, KubeObject } from '../cluster.js';
import { kindNodeAccess } from './kind.js';
import { detectKindEngine } from './kind-engine.js';
import { localNodeAccess } from './local.js';
import { minikubeNodeAccess } from './minikube.js';
import { NodeAccessKind, type NodeAccess } from './node-access.js';
import { podNodeAccess } from './pod.js';

/** The project's local cluster keeps its state here; its presence (plus a local node IP) means "this machine is the node". */
export const KUBELAB_STATE_DIR = '/var/lib/kubelab';

interface NodeInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly internalIPs: readonly string[];
}

/** What the choice is made from (all gathered before, so the choice itself is pure and testable). */
export interface NodeAccessFacts {
  readonly context: string;
  readonly nodes: readonly NodeInfo[];
  readonly localAddresses: readonly string[];
  readonly kubelabStateDirExists: boolean;
  /** --node-access */
  readonly override?: NodeAccessKind;
}

export type NodeAccessChoice =
  | { readonly kind: 'local'; readonly nodeName: string }
  | { readonly kind: 'minikube'; readonly nodeName: string; readonly profile: string }
  | { readonly kind: 'kind'; readonly nodeName: string; readonly container: string }
  | { readonly kind: 'pod'; readonly nodeName: string };

/** The node static pods go to: a control-plane node if labelled, else the first by name. */
export function targetNode(nodes: readonly NodeInfo[]): NodeInfo | undefined {
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
  return sorted.find((node) => 'node-role.kubernetes.io/control-plane' in node.labels) ?? sorted[0];
}

/** Picks the adapter: minikube, kind-*, the local kubelab cluster, else a privileged pod; --node-access wins. */
export function chooseNodeAccess(facts: NodeAccessFacts): NodeAccessChoice {
  const node = targetNode(facts.nodes);
  if (node === undefined)
    throw new Error(`context "${facts.context}" has no nodes; expected at least one Ready node`);
  const minikubeProfile =
    node.labels['minikube.k8s.io/name'] ?? (facts.context === 'minikube' ? 'minikube' : undefined);
  const kindCluster = facts.context.startsWith('kind-')
    ? facts.context.slice('kind-'.length)
    : undefined;
  const isLocal =
    facts.kubelabStateDirExists && node.internalIPs.some((ip) => facts.localAddresses.includes(ip));
  const kind =
    facts.override ??
    (minikubeProfile !== undefined
      ? 'minikube'
      : kindCluster !== undefined
        ? 'kind'
        : isLocal
          ? 'local'
          : 'pod');
  switch (kind) {
    case NodeAccessKind.minikube:
      return { kind, nodeName: node.name, profile: minikubeProfile ?? facts.context };
    case NodeAccessKind.kind:
      return {
        kind,
        nodeName: node.name,
        container: kindCluster === undefined ? node.name : `${kindCluster}-control-plane`,
      };
    case NodeAccessKind.local:
      return { kind, nodeName: node.name };
    case NodeAccessKind.pod:
      return { kind, nodeName: node.name };
  }
}

function nodeInfo(node: KubeObject): NodeInfo {
  const status = node['status'] as { addresses?: { type: string; address: string }[] } | undefined;
  return {
    name: node.metadata.name ?? '',
    labels: node.metadata.labels ?? {},
    internalIPs: (status?.addresses ?? [])
      .filter((a) => a.type === 'InternalIP')
      .map((a) => a.address),
  };
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry === undefined ? [] : [entry.address]));
}

/** Gathers the facts from the cluster and this machine, chooses, and builds the adapter. */
export async function selectNodeAccess(
  cluster: Cluster,
  options: { override?: NodeAccessKind; signal?: AbortSignal } = {},
): Promise<NodeAccess> {
  const nodes = await cluster.list({ apiVersion: 'v1', kind: 'Node' }, options.signal);
  const choice = chooseNodeAccess({
    context: cluster.context,
    nodes: nodes.map(nodeInfo),
    localAddresses: localAddresses(),
    kubelabStateDirExists: existsSync(KUBELAB_STATE_DIR),
    override: options.override,
  });
  switch (choice.kind) {
    case 'local':
      return localNodeAccess(choice.nodeName);
    case 'minikube':
      return minikubeNodeAccess({ profile: choice.profile, nodeName: choice.nodeName });
    case 'kind':
      return kindNodeAccess({
        container: choice.container,
        nodeName: choice.nodeName,
        engine: await detectKindEngine({ container: choice.container }),
      });
    case 'pod':
      return podNodeAccess(cluster, { nodeName: choice.nodeName, signal: options.signal });
  }
}
