import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { z } from 'zod';
import { Impersonator } from '../../../src/batch/isolation/impersonate.js';
import { isolationObjects, studentIdentity } from '../../../src/batch/isolation/isolation.js';
import type { Cluster, KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { LOCK_NAMESPACE, microTime } from '../../../src/cluster/lease-lock.js';
import { defineCheck, type CheckContext } from '../../../src/check-api/check-kind.js';
import { CheckSpec, type Lab } from '../../../src/model/lab.js';
import type { Scope } from '../../../src/model/scope.js';
import type { CheckOutcome, CheckResult } from '../../../src/model/result.js';
import { lockLeaseName } from '../../../src/runner/check-lock.js';
import { runCheck } from '../../../src/runner/run-check.js';
import { TEST_CONTEXT, testCluster, withNamespace } from '../support/index.js';

const lab = { id: 'exclusive-e2e', timeouts: {} } as unknown as Lab;

/** A kind holding `lock` (one of this test's, never node-memory) and running `run`. */
function exclusiveKind(lock: string, run: (ctx: CheckContext) => Promise<CheckOutcome>) {
  return defineCheck({
    kind: 'exclusive-demo',
    description: 'Demo.',
    params: z.object({}),
    defaultTimeoutMs: 30_000,
    exclusive: lock,
    run,
  });
}

function check(options: {
  cluster: Cluster;
  id: string;
  scope: Scope;
  kind: ReturnType<typeof exclusiveKind>;
  timeout?: string;
  progress?: (activity: string) => void;
}): Promise<CheckResult> {
  return runCheck({
    spec: CheckSpec.parse({
      id: options.id,
      title: options.id,
      kind: 'exclusive-demo',
      points: 10,
      hint: 'none',
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    }),
    kind: options.kind,
    lab,
    scope: options.scope,
    cluster: options.cluster,
    node: undefined,
    submissionDir: '/tmp',
    signal: new AbortController().signal,
    earlier: new Map(),
    ...(options.progress === undefined ? {} : { onProgress: options.progress }),
  });
}

describe('checks that hold a cluster-wide lock (CheckKind.exclusive), on the real cluster', function () {
  this.timeout(90_000);
  let cluster: ClusterClient;
  let lock: string;
  before(async function () {
    cluster = await testCluster(this);
  });
  beforeEach(() => {
    lock = `e2e-${randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    await cluster?.delete({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: LOCK_NAMESPACE,
      name: lockLeaseName(lock),
    });
  });
  const ns = withNamespace('exclusive');

  it('runs two at once one after the other, the second saying whom it waited for', async function () {
    let active = 0;
    let most = 0;
    let seeWaiting: () => void = () => undefined;
    const someoneWaits = new Promise<void>((resolve) => (seeWaiting = resolve));
    const kind = exclusiveKind(lock, async (ctx) => {
      active += 1;
      most = Math.max(most, active);
      // The first holder keeps the lock until the other check is seen waiting for it.
      await someoneWaits;
      const pods = await ctx.cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name });
      active -= 1;
      return { status: 'passed', message: `${pods.length} pods` };
    });
    const progress: string[] = [];
    const onProgress = (activity: string) => {
      progress.push(activity);
      if (activity.startsWith('waiting for the cluster-wide')) seeWaiting();
    };
    const results = await Promise.all(
      ['first', 'second'].map((id) =>
        check({ cluster, id, scope: ns.scope, kind, progress: onProgress }),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal(['passed', 'passed']);
    expect(most, 'checks holding the lock at the same time').to.equal(1);
    expect(progress.filter((p) => p.startsWith('waiting for the cluster-wide'))).to.have.lengthOf(
      1,
    );
    expect(progress.join('\n')).to.match(
      new RegExp(`waiting for the cluster-wide ${lock} lock, held by ${ns.name}/(first|second)@`),
    );
  });

  it('starts its own timeout only once it holds the lock', async function () {
    // Another grader's lock, for two more seconds: twice the check's one-second timeout.
    const taken = microTime(Date.now());
    await cluster.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: lockLeaseName(lock), namespace: LOCK_NAMESPACE },
      spec: {
        holderIdentity: 'other-ns/check@elsewhere:1:abcdef',
        leaseDurationSeconds: 2,
        acquireTime: taken,
        renewTime: taken,
      },
    } as KubeObject);
    const kind = exclusiveKind(lock, (ctx) =>
      Promise.resolve<CheckOutcome>(
        ctx.signal.aborted
          ? { status: 'failed', message: 'the deadline passed before the check ran' }
          : { status: 'passed', message: 'ran within its timeout' },
      ),
    );
    const result = await check({ cluster, id: 'late', scope: ns.scope, kind, timeout: '1s' });
    expect(result.status, result.message).to.equal('passed');
    expect(result.evidence.notes?.join('\n')).to.match(
      new RegExp(`waited \\d+\\.\\ds for the cluster-wide ${lock} lock`),
    );
  });

  it('runs without the lock, and says so, for a grader the cluster forbids to write Leases', async function () {
    const fences = await cluster.apply(isolationObjects(ns.scope), 'test', { namespace: ns.name });
    expect(fences.filter((r) => !r.ok)).to.deep.equal([]);
    const student = new Impersonator({ context: TEST_CONTEXT }).as(studentIdentity(ns.name));
    const kind = exclusiveKind(lock, () =>
      Promise.resolve<CheckOutcome>({ status: 'passed', message: 'ran' }),
    );
    const result = await check({ cluster: student, id: 'narrow', scope: ns.scope, kind });
    expect(result.status, result.message).to.equal('passed');
    expect(result.evidence.notes?.join('\n')).to.match(
      new RegExp(`ran without the cluster-wide ${lock} lock \\(.*cannot create resource "leases"`),
    );
  });
});
