import type { KubeObject } from '../../cluster/cluster.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

interface NodeObject extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

/** Every node has condition Ready=True. */
export const nodesReady: DoctorItem = {
  title: 'nodes Ready',
  required: true,
  async run({ cluster, signal }) {
    const nodes = await cluster.list<NodeObject>({ apiVersion: 'v1', kind: 'Node' }, signal);
    if (nodes.length === 0)
      return notOk('no nodes registered', 'check the kubelet: `kubectl get nodes`');
    const lines = nodes
      .map((node) => {
        const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
        const state =
          ready?.status === 'True'
            ? 'Ready'
            : `NotReady (${ready?.reason ?? 'no Ready condition'})`;
        return { name: node.metadata.name ?? '?', ready: ready?.status === 'True', state };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const detail = lines.map((n) => `${n.name} ${n.state}`).join(', ');
    return lines.every((n) => n.ready)
      ? ok(detail)
      : notOk(detail, '`kubectl describe node <name>` for its conditions and the kubelet logs');
  },
};
