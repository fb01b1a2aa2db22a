import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  controlPlaneNode,
  type SmokePod,
} from './smoke-support.js';

/**
 * The taint kubeadm and kind put on control-plane nodes; the kubelab node has none (README).
 * A `.serial` suite (scripts/test-e2e.sh runs it alone, after the parallel ones): while the only node
 * carries a NoSchedule taint, no other suite's pod can be scheduled.
 */
const TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface NodeWithTaints extends KubeObject {
  spec?: { taints?: Taint[] };
}

interface DaemonSet extends KubeObject {
  status?: { observedGeneration?: number; desiredNumberScheduled?: number; numberReady?: number };
}

/** Adds or removes TAINT on the node (merge patch of the whole list, other taints kept). */
async function setTaint(
  cluster: ClusterClient,
  options: { node: string; present: boolean },
): Promise<void> {
  const ref = { apiVersion: 'v1', kind: 'Node', name: options.node };
  const node = await cluster.get<NodeWithTaints>(ref);
  const others = (node?.spec?.taints ?? []).filter(
    (t) => !(t.key === TAINT.key && t.effect === TAINT.effect),
  );
  await cluster.patch(ref, { spec: { taints: options.present ? [...others, TAINT] : others } });
}

function daemonSet(name: string, tolerations: readonly object[]): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 0,
          tolerations,
          containers: [busybox('agent', ['sleep', '3600'])],
        },
      },
    },
  };
}

/** `plain` (no toleration) computed for the tainted node: 0 desired; `tolerant`: 1 desired and Ready. */
const placed: WaitCondition<DaemonSet, true> = {
  description: 'DaemonSet plain to want 0 pods and DaemonSet tolerant to run 1 Ready pod',
  check(sets) {
    const plain = sets.find((s) => s.metadata.name === 'plain');
    const tolerant = sets.find((s) => s.metadata.name === 'tolerant');
    const observed = (s: DaemonSet | undefined) =>
      s !== undefined && s.status?.observedGeneration === s.metadata['generation'];
    const describe = (s: DaemonSet | undefined) =>
      `${s?.metadata.name ?? '?'}: observed ${observed(s)}, desired ${s?.status?.desiredNumberScheduled ?? '?'}, ready ${s?.status?.numberReady ?? '?'}`;
    const met =
      observed(plain) &&
      plain?.status?.desiredNumberScheduled === 0 &&
      observed(tolerant) &&
      tolerant?.status?.desiredNumberScheduled === 1 &&
      tolerant.status.numberReady === 1;
    return met
      ? { state: 'met', value: true }
      : { state: 'pending', errors: [describe(plain), describe(tolerant)] };
  },
};

describe('smoke: a DaemonSet on a tainted control-plane node', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-daemonset');

  it('runs there only when its pods tolerate the control-plane taint', async function () {
    const node = (await controlPlaneNode(cluster)).metadata.name ?? '';
    // The node is shared with every other suite: the taint lives only as long as this try.
    try {
      await setTaint(cluster, { node, present: true });
      await applyAll(cluster, ns.name, [
        daemonSet('plain', []),
        daemonSet('tolerant', [{ ...TAINT, operator: 'Exists' }]),
      ]);
      await cluster.waitFor(
        { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: ns.name },
        placed,
        {
          timeoutMs: POD_START_MS,
        },
      );
    } finally {
      await setTaint(cluster, { node, present: false });
    }
    const pods = await cluster.list<SmokePod>({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: ns.name,
    });
    const running = pods
      .filter((p) => p.metadata.deletionTimestamp === undefined)
      .map((p) => `${p.metadata.labels?.['app'] ?? '?'} on ${p.spec?.nodeName ?? '?'}`);
    expect(running).to.include(`tolerant on ${node}`);
    const untainted = await cluster.get<NodeWithTaints>({
      apiVersion: 'v1',
      kind: 'Node',
      name: node,
    });
    expect(untainted?.spec?.taints ?? [], 'taint removed').to.not.deep.include(TAINT);
  });
});
