import { expect } from 'chai';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { podReady, podRef } from '../../../src/cluster/watch/conditions.js';
import { loadLab } from '../../../src/catalogue/load-lab.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { testCluster, withNamespace } from '../support/index.js';
import { grade, labSuite, overlayDir, summary } from './lab-harness.js';

labSuite('priority-preemption', [
  {
    variant: 'class-value-100',
    check: 'class-and-priority',
    reason: /high-priority\.value: expected 1000, found 100/,
  },
  {
    variant: 'preemption-never',
    check: 'preempts-when-full',
    reason: /stays Pending and preempts no one/,
  },
  { variant: 'no-memory-request', check: 'preempts-when-full', reason: /requests no memory/ },
]);

/**
 * On a shared cluster, pods of other namespaces end while the grader fills the node: the copy then
 * finds room without preempting anyone, through no fault of the student's. The test makes that
 * happen at the worst moment — a 1 GiB "ballast" pod of another namespace is deleted just before
 * the copy is submitted (a Cluster whose create does it first) — and the check must fill again
 * and still see the solution preempt.
 */
describe('lab priority-preemption when memory is freed between the fill and the copy', function () {
  this.timeout(300_000);
  let cluster: ClusterClient;
  const ns = withNamespace('priority-ballast');

  before(async function () {
    cluster = await testCluster(this);
  });

  it('fills the node again and passes the solution, noting the attempt that found room', async function () {
    const ballast = { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: 'ballast' };
    await cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ballast', namespace: ns.name },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'main',
            image: 'docker.io/library/busybox:1.35',
            command: ['sleep', '3600'],
            resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } },
          },
        ],
      },
    });
    await cluster.waitFor(podRef(ns.name, 'ballast'), podReady('ballast'), { timeoutMs: 90_000 });
    let freed = false;
    const interleaved = new Proxy(cluster, {
      get(target, property, receiver) {
        if (property === 'create')
          return async (object: KubeObject, signal?: AbortSignal) => {
            if (!freed && object.metadata.generateName?.endsWith('-preemptor-') === true) {
              freed = true;
              await target.delete(ballast, { gracePeriodSeconds: 0 });
              await target.waitForDeletion(ballast, { timeoutMs: 60_000 });
            }
            return target.create(object, signal);
          };
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const kinds = await loadCheckKinds();
    const loaded = await loadLab('priority-preemption', { kinds });
    const dir = await overlayDir(loaded, undefined);
    try {
      const graded = await grade({
        cluster: interleaved,
        loaded,
        kinds,
        dir,
        user: 'e2e-ballast',
        only: ['preempts-when-full'],
      });
      const check = graded.report.checks.find((c) => c.id === 'preempts-when-full');
      expect(freed, `the ballast was deleted before the copy; ${summary(graded)}`).to.equal(true);
      expect(check?.status, summary(graded)).to.equal('passed');
      expect(check?.evidence.notes?.join('\n')).to.match(
        /attempt 1: the copy important-preemptor-\S+ was scheduled without evicting a filler/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The student's pod may still be Pending when the check starts: in CI another grader's fillers had
 * the node full when it was applied (`pod important is not scheduled on a node yet` failed a verify
 * run in 0.1 s). The check waits for it to be scheduled. The test holds the pod with a scheduling
 * gate and lifts it once the check waits (a Cluster whose waitFor on that pod lifts it first);
 * left in place, the gate makes the check fail and say why.
 */
describe('lab priority-preemption when the student pod is still Pending', function () {
  this.timeout(300_000);
  let cluster: ClusterClient;

  before(async function () {
    cluster = await testCluster(this);
  });

  /** The solution, its pod held by a scheduling gate; graded with `client`. */
  async function gradeGated(client: ClusterClient, user: string) {
    const kinds = await loadCheckKinds();
    const loaded = await loadLab('priority-preemption', { kinds });
    const dir = await overlayDir(loaded, undefined);
    try {
      const file = join(dir, 'pod-important.yaml');
      const pod = parse(await readFile(file, 'utf8')) as { spec: Record<string, unknown> };
      pod.spec['schedulingGates'] = [{ name: 'kubelab.test/hold' }];
      await writeFile(file, stringify(pod));
      const graded = await grade({
        cluster: client,
        loaded,
        kinds,
        dir,
        user,
        only: ['preempts-when-full'],
      });
      return { graded, check: graded.report.checks.find((c) => c.id === 'preempts-when-full') };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('waits for the pod to be scheduled, then passes the solution', async function () {
    let lifted = false;
    const lifting = new Proxy(cluster, {
      get(target, property, receiver) {
        if (property === 'waitFor')
          return async (...args: Parameters<ClusterClient['waitFor']>) => {
            const [ref] = args;
            if (!lifted && ref.kind === 'Pod' && ref.fieldSelector === 'metadata.name=important') {
              lifted = true;
              const pod = {
                apiVersion: 'v1',
                kind: 'Pod',
                namespace: ref.namespace ?? '',
                name: 'important',
              };
              await target.patch(pod, { spec: { schedulingGates: null } });
            }
            return target.waitFor(...args);
          };
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { graded, check } = await gradeGated(lifting, 'e2e-gated');
    expect(lifted, `the check waited for pod important; ${summary(graded)}`).to.equal(true);
    expect(check?.status, summary(graded)).to.equal('passed');
  });

  it('fails, naming the scheduling gate, when the pod is never scheduled (negative control)', async function () {
    const { graded, check } = await gradeGated(cluster, 'e2e-gated-held');
    expect(check?.status, summary(graded)).to.equal('failed');
    expect(check?.message).to.match(
      /^pod important is not running on a node after \d+s: .*not scheduled: Scheduling is blocked due to non-empty scheduling gates.*kubectl describe pod important/,
    );
  });
});
