import type { KubeObject } from '../../cluster/cluster.js';
import { timeOf } from '../../cluster/time.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

/**
 * A kubelet renews its node Lease every 10s; the node controller calls a node unhealthy after 50s
 * without renewal. Past that, a Ready=True condition is stale (e.g. the controller manager is down too).
 */
const LEASE_STALE_MS = 50_000;

interface NodeObject extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

interface LeaseObject extends KubeObject {
  spec?: { renewTime?: string };
}

/** Every node has condition Ready=True and a kubelet that still renews its Lease. */
export const nodesReady: DoctorItem = {
  title: 'nodes Ready',
  required: true,
  async run({ cluster, signal }) {
    const nodes = await cluster.list<NodeObject>({ apiVersion: 'v1', kind: 'Node' }, signal);
    if (nodes.length === 0)
      return notOk('no nodes registered', 'check the kubelet: `kubectl get nodes`');
    const leases = await cluster.list<LeaseObject>(
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'kube-node-lease' },
      signal,
    );
    const renewed = new Map(
      leases.map((lease) => [lease.metadata.name, timeOf(lease.spec?.renewTime)]),
    );
    const now = Date.now();
    const lines = nodes
      .map((node) => {
        const name = node.metadata.name ?? '?';
        const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
        const renewedAt = renewed.get(name);
        const silentMs = renewedAt === undefined ? undefined : now - renewedAt;
        if (ready?.status !== 'True') {
          return {
            name,
            ready: false,
            state: `NotReady (${ready?.reason ?? 'no Ready condition'})`,
          };
        }
        if (silentMs !== undefined && silentMs > LEASE_STALE_MS) {
          return {
            name,
            ready: false,
            state: `Ready, but its kubelet last renewed its Lease ${Math.round(silentMs / 1000)}s ago`,
          };
        }
        return { name, ready: true, state: 'Ready' };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const detail = lines.map((n) => `${n.name} ${n.state}`).join(', ');
    return lines.every((n) => n.ready)
      ? ok(detail)
      : notOk(
          detail,
          'is the kubelet running? `kubectl describe node <name>`, then the kubelet logs',
        );
  },
};
