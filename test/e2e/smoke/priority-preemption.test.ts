import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { NODE_MEMORY_LOCK } from '../../../checks/lib/scheduling/fillers.js';
import { freeNodeMemory } from '../../../checks/lib/node/node-memory.js';
import { acquireLeaseLock } from '../../../src/cluster/lease-lock.js';
import { lockLeaseName } from '../../../src/runner/check-lock.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  controlPlaneNode,
  pod,
  waitEvent,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

const MI = 1024 * 1024;

/**
 * What the high-priority pod requests, as a share of the node's free memory: after the fillers,
 * only half of it stays free. That half is room for the pods other suites start meanwhile; a
 * pod of theirs that finds none preempts a filler too (see highRunsAfterPreemption).
 */
const HIGH_SHARE = 1 / 4;

/**
 * Fillers rank below ordinary pods (0) and below the grader's own fillers (-100, checks/lib/scheduling/filler-class.ts):
 * the scheduler picks the lowest-priority victims, so a preemption evicts these and nothing else of the
 * shared cluster.
 */
const LOW_VALUE = -1000;
const HIGH_VALUE = 1_000_000;

function priorityClass(options: {
  name: string;
  value: number;
  preempts: boolean;
  labels: Readonly<Record<string, string>>;
}): KubeObject {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: options.name, labels: { ...options.labels } },
    value: options.value,
    preemptionPolicy: options.preempts ? 'PreemptLowerPriority' : 'Never',
    globalDefault: false,
    description: 'kubelab smoke suite (test/e2e/smoke/priority-preemption.test.ts)',
  };
}

function memoryPod(options: {
  name: string;
  priorityClassName: string;
  bytes: number;
  node: string;
}): KubeObject {
  return pod({
    name: options.name,
    spec: {
      priorityClassName: options.priorityClassName,
      nodeSelector: { 'kubernetes.io/hostname': options.node },
      containers: [
        {
          ...busybox('app', ['sleep', '3600']),
          resources: { requests: { memory: `${options.bytes}`, cpu: '1m' } },
        },
      ],
    },
  });
}

function preempted(current: SmokePod): boolean {
  return (
    current.metadata.deletionTimestamp !== undefined ||
    (current.status?.conditions ?? []).some(
      (c) =>
        c.type === 'DisruptionTarget' &&
        c.status === 'True' &&
        c.reason === 'PreemptionByScheduler',
    )
  );
}

/**
 * `high` Running after a filler was preempted (terminating or gone); notes a nomination seen on the
 * way. Which filler `high` preempted, and whether the other went to another suite's pod, the
 * Preempted events tell afterwards.
 */
function highRunsAfterPreemption(seen: { nominated?: string }): WaitCondition<SmokePod, string[]> {
  const fillers = ['filler-0', 'filler-1'];
  return {
    description: 'pod high to run after the scheduler preempted one filler',
    check(pods) {
      const high = pods.find((p) => p.metadata.name === 'high');
      if (high?.status?.nominatedNodeName) seen.nominated = high.status.nominatedNodeName;
      const victims = fillers.filter((f) => {
        const filler = pods.find((p) => p.metadata.name === f);
        return filler === undefined || preempted(filler);
      });
      const running = high?.status?.phase === 'Running';
      return running && victims.length > 0
        ? { state: 'met', value: victims }
        : {
            state: 'pending',
            errors: [
              `high: ${high?.status?.phase ?? 'absent'} on ${high?.spec?.nodeName || 'no node'}, nominated ${seen.nominated ?? 'never'}; preempted fillers: ${victims.join(', ') || 'none'}`,
            ],
          };
    },
  };
}

describe('smoke: pod priority', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-priority');

  it('lets a high-priority pod preempt a low-priority filler on a full node', async function () {
    const suffix = ns.name.slice(-6);
    const low = `kubelab-smoke-low-${suffix}`;
    const high = `kubelab-smoke-high-${suffix}`;
    const classRefs = [low, high].map((name) => ({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      name,
    }));
    const podNames = ['filler-0', 'filler-1', 'high'];
    // The lab's preemption check fills the same node: the lock keeps the two fills apart.
    const lock = await acquireLeaseLock(cluster, {
      name: lockLeaseName(NODE_MEMORY_LOCK),
      holder: `${ns.name}/smoke`,
      durationSeconds: SMOKE_TEST_MS / 1000,
      timeoutMs: SMOKE_TEST_MS / 2,
    });
    try {
      await applyAll(cluster, ns.name, [
        priorityClass({ name: low, value: LOW_VALUE, preempts: false, labels: ns.scope.labels }),
        priorityClass({ name: high, value: HIGH_VALUE, preempts: true, labels: ns.scope.labels }),
      ]);
      const node = (await controlPlaneNode(cluster)).metadata.name ?? '';
      const memory = await freeNodeMemory({ cluster, signal: AbortSignal.timeout(30_000) }, node);
      // Two fillers take all but HIGH_REQUEST/2 of the free memory: high fits only in place of one.
      const highRequest = Math.floor((memory.free * HIGH_SHARE) / MI) * MI;
      const fillerBytes = Math.floor((memory.free - highRequest / 2) / 2 / MI) * MI;
      expect(fillerBytes, `free memory on ${node}: ${memory.free} bytes`).to.be.above(highRequest);
      await applyAll(
        cluster,
        ns.name,
        ['filler-0', 'filler-1'].map((name) =>
          memoryPod({ name, priorityClassName: low, bytes: fillerBytes, node }),
        ),
      );
      await Promise.all(
        ['filler-0', 'filler-1'].map((name) =>
          waitPod(cluster, { namespace: ns.name, name, condition: podReady(name) }),
        ),
      );

      const [created] = await applyAll(cluster, ns.name, [
        memoryPod({ name: 'high', priorityClassName: high, bytes: highRequest, node }),
      ]);
      const seen: { nominated?: string } = {};
      const victims = await cluster.waitFor(
        { apiVersion: 'v1', kind: 'Pod', namespace: ns.name },
        highRunsAfterPreemption(seen),
        { timeoutMs: POD_START_MS },
      );
      // Each preempted filler's Preempted event names its preemptor: high must have taken exactly
      // one (the scheduler evicts no more than it needs); a second one may only have gone to a pod
      // of another suite that found the node full.
      const preemptors = new Map<string, string>();
      for (const filler of victims)
        preemptors.set(
          filler,
          await waitEvent(cluster, {
            namespace: ns.name,
            object: filler,
            reason: 'Preempted',
            message: /^Preempted by/,
          }),
        );
      const byHigh = `Preempted by pod ${created?.metadata.uid ?? '?'} on node ${node}`;
      const takenByHigh = victims.filter((filler) => preemptors.get(filler) === byHigh);
      expect(takenByHigh, JSON.stringify(Object.fromEntries(preemptors))).to.have.length(1);
      const survivorName = takenByHigh[0] === 'filler-0' ? 'filler-1' : 'filler-0';
      if (!victims.includes(survivorName)) {
        const survivor = await cluster.get<SmokePod>({
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: ns.name,
          name: survivorName,
        });
        expect(survivor?.status?.phase, 'the other filler').to.equal('Running');
        expect(survivor?.metadata.deletionTimestamp).to.equal(undefined);
      }
      expect(seen.nominated, 'pod high nominated to the node before it ran').to.equal(node);
    } finally {
      // Free the node for the other suites at once, rather than when the namespace goes.
      await Promise.all(
        podNames.map((name) =>
          cluster.delete(
            { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name },
            { gracePeriodSeconds: 0 },
          ),
        ),
      );
      await Promise.all(classRefs.map((ref) => cluster.delete(ref)));
      // Gone, not just deleted: the scheduler counts a terminating pod's memory until it is.
      await Promise.allSettled(
        podNames.map((name) =>
          cluster.waitForDeletion(
            { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name },
            { timeoutMs: 60_000 },
          ),
        ),
      );
      await lock.release();
    }
  });
});
