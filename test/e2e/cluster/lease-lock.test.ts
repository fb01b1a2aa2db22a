import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { expect } from 'chai';
import { execa } from 'execa';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import {
  LOCK_NAMESPACE,
  LockTimeoutError,
  acquireLeaseLock,
  microTime,
  type Lease,
} from '../../../src/cluster/lease-lock.js';
import { testCluster } from '../support/index.js';

/** A lock of this test's own (never the node-memory lock the lab checks take). */
function lockName(): string {
  return `kubelab-lock-e2e-${randomBytes(4).toString('hex')}`;
}

const leaseRef = (name: string) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  namespace: LOCK_NAMESPACE,
  name,
});

/** A Lease written as another grader would have: `holder`, taken `ageSeconds` ago for `durationSeconds`. */
function foreignLease(options: {
  name: string;
  holder: string;
  ageSeconds: number;
  durationSeconds: number;
}): KubeObject {
  const taken = microTime(Date.now() - options.ageSeconds * 1000);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: options.name, namespace: LOCK_NAMESPACE },
    spec: {
      holderIdentity: options.holder,
      leaseDurationSeconds: options.durationSeconds,
      acquireTime: taken,
      renewTime: taken,
    },
  } as KubeObject;
}

describe('a cluster-wide lock on a Lease, on the real cluster', function () {
  this.timeout(60_000);
  let cluster: ClusterClient;
  const names: string[] = [];
  before(async function () {
    cluster = await testCluster(this);
  });
  afterEach(async function () {
    await Promise.all(names.splice(0).map((name) => cluster?.delete(leaseRef(name))));
  });
  /** Takes `name` as `holder` for 60 s, waiting at most `timeoutMs`. */
  const take = (name: string, holder: string, timeoutMs: number, onWait?: (h: string) => void) =>
    acquireLeaseLock(cluster, {
      name,
      holder,
      durationSeconds: 60,
      timeoutMs,
      ...(onWait === undefined ? {} : { onWait }),
    });
  const fresh = () => {
    const name = lockName();
    names.push(name);
    return name;
  };

  it('makes a second taker wait, naming the holder, until the first releases it', async function () {
    const name = fresh();
    const first = await take(name, 'ns-a/check', 10_000);
    let told: (holder: string) => void = () => undefined;
    const waiting = new Promise<string>((resolve) => (told = resolve));
    let secondHeld = false;
    const second = take(name, 'ns-b/check', 30_000, told).then((lock) => {
      secondHeld = true;
      return lock;
    });
    expect(await waiting).to.equal(first.identity);
    expect(secondHeld, 'the second taker holds it while the first still does').to.equal(false);
    await first.release();
    const held = await second;
    const lease = await cluster.get<Lease>(leaseRef(name));
    expect(lease?.spec?.holderIdentity).to.equal(held.identity);
    expect(held.identity).to.match(new RegExp(`^ns-b/check@${hostname()}:${process.pid}:`));
    await held.release();
    expect(await cluster.get(leaseRef(name)), 'released: the Lease is gone').to.equal(undefined);
  });

  it('gives up with the holder named when the lock stays held past the wait', async function () {
    const name = fresh();
    const first = await take(name, 'ns-a/check', 10_000);
    const error = await take(name, 'ns-b/check', 1_500).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(LockTimeoutError);
    expect((error as Error).message).to.contain(`still held by ${first.identity}`);
    await first.release();
  });

  it('takes over a Lease whose time has run out, and the old holder’s release leaves it alone', async function () {
    const name = fresh();
    const stale = await cluster.create<Lease>(
      foreignLease({
        name,
        holder: 'ns-a/check@elsewhere:1:abcdef',
        ageSeconds: 120,
        durationSeconds: 60,
      }),
    );
    const held = await take(name, 'ns-b/check', 1_000);
    const lease = await cluster.get<Lease>(leaseRef(name));
    expect(lease?.spec?.holderIdentity).to.equal(held.identity);
    // The stale holder comes back and releases what it thinks is its Lease: the precondition refuses.
    await cluster
      .delete(leaseRef(name), {
        preconditions: { uid: stale.metadata.uid, resourceVersion: stale.metadata.resourceVersion },
      })
      .catch((e: unknown) => e);
    expect((await cluster.get<Lease>(leaseRef(name)))?.spec?.holderIdentity).to.equal(
      held.identity,
    );
    await held.release();
  });

  it('waits for a held Lease to expire when its holder never releases it', async function () {
    const name = fresh();
    await cluster.create(
      foreignLease({
        name,
        holder: 'ns-a/check@elsewhere:1:abcdef',
        ageSeconds: 0,
        durationSeconds: 2,
      }),
    );
    const seen: string[] = [];
    const held = await take(name, 'ns-b/check', 20_000, (holder) => seen.push(holder));
    expect(seen).to.deep.equal(['ns-a/check@elsewhere:1:abcdef']);
    expect(held.waitedMs).to.be.above(0);
    await held.release();
  });

  it('frees at once the Lease of a grader on this machine whose process is gone (kill -9)', async function () {
    const name = fresh();
    const ended = execa('true');
    const pid = ended.pid;
    await ended;
    await cluster.create(
      foreignLease({
        name,
        holder: `ns-a/check@${hostname()}:${pid ?? 1}:abcdef`,
        ageSeconds: 0,
        durationSeconds: 3600,
      }),
    );
    const held = await take(name, 'ns-b/check', 1_000);
    expect((await cluster.get<Lease>(leaseRef(name)))?.spec?.holderIdentity).to.equal(
      held.identity,
    );
    await held.release();
  });
});
