import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Cluster, KubeObject, ObjectRef } from './cluster.js';
import { AbortedError, ApiError } from './errors.js';
import { timeOf } from './time.js';

/**
 * Where kubelab's locks live: kube-system, which every cluster has, which no student document may
 * reach (batch grading refuses it), and where Kubernetes keeps its own leader-election Leases.
 */
export const LOCK_NAMESPACE = 'kube-system';

/** A Lease as far as the lock reads it. */
export interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
  };
}

/** The lock was still held by someone else when the caller's wait ran out. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly lock: string,
    readonly holder: string,
    readonly waitedMs: number,
  ) {
    super(
      `waited ${Math.round(waitedMs / 1000)}s for lock ${LOCK_NAMESPACE}/${lock}, still held by ${holder}; ` +
        `run again when that grader is done, or delete the Lease if its grader is gone`,
    );
  }
}

export interface LeaseLockOptions {
  /** The Lease's name in LOCK_NAMESPACE. */
  readonly name: string;
  /** Who takes it, for the message of whoever waits: "kubelab-pp-alice/preempts-when-full". */
  readonly holder: string;
  /**
   * How long the lock stays ours without renewal: the longest the holder may keep it. A holder that
   * dies (kill -9) frees it when that has passed; the lock is never renewed.
   */
  readonly durationSeconds: number;
  /** How long to wait for a lock someone else holds before LockTimeoutError. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Told once per holder the caller waits for. */
  readonly onWait?: (holder: string) => void;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A lock taken: `release()` deletes the Lease if it is still ours, and never throws. */
export interface HeldLock {
  /** The Lease's holderIdentity: the caller's `holder`, made unique per process and take. */
  readonly identity: string;
  readonly waitedMs: number;
  release(): Promise<void>;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** When the Lease stops holding (ms since the epoch); a Lease without times has expired. */
export function leaseExpiry(lease: Lease): number {
  const from = timeOf(lease.spec?.renewTime) ?? timeOf(lease.spec?.acquireTime) ?? 0;
  return from + (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
}

/**
 * Takes the Lease `name` as a mutual-exclusion lock across every kubelab process that grades on
 * this cluster (other shards, other CI jobs, other instructors): creates it, or, when it exists,
 * waits on a watch until its holder deletes it or its time runs out, then takes it over with an
 * optimistic-concurrency update (the loser of a race waits again). Throws LockTimeoutError when
 * the wait runs out, AbortedError when `signal` fires, and the API error (403…) otherwise.
 */
export async function acquireLeaseLock(
  cluster: Cluster,
  options: LeaseLockOptions,
): Promise<HeldLock> {
  const started = Date.now();
  const identity = `${options.holder}@${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const ref: ObjectRef = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    namespace: LOCK_NAMESPACE,
    name: options.name,
  };
  const spec = () => {
    const now = microTime(Date.now());
    return {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(options.durationSeconds),
      acquireTime: now,
      renewTime: now,
    };
  };
  const held = (lease: Lease): HeldLock => ({
    identity,
    waitedMs: Date.now() - started,
    release: () => releaseLease(cluster, ref, lease),
  });
  let waitingFor: string | undefined;
  for (;;) {
    if (options.signal?.aborted === true) throw new AbortedError(`waiting for lock ${ref.name}`);
    try {
      const created = await cluster.create<Lease>(
        {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: LOCK_NAMESPACE, labels: { ...options.labels } },
          spec: spec(),
        } as KubeObject,
        options.signal,
      );
      return held(created);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const current = await cluster.get<Lease>(ref, options.signal);
    if (current === undefined) continue; // released between our create and get
    const expiresAt = leaseExpiry(current);
    if (expiresAt <= Date.now() || holderIsGone(current.spec?.holderIdentity)) {
      try {
        // The resourceVersion makes it a compare-and-swap: one taker wins, the others get 409.
        const taken = await cluster.patch<Lease>(
          ref,
          { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: spec() },
          options.signal,
        );
        return held(taken);
      } catch (error) {
        if (!isConflict(error) && !isNotFound(error)) throw error;
        continue;
      }
    }
    const holder = current.spec?.holderIdentity ?? 'an unknown holder';
    const left = started + options.timeoutMs - Date.now();
    if (left <= 0) throw new LockTimeoutError(ref.name, holder, Date.now() - started);
    if (waitingFor !== holder) {
      waitingFor = holder;
      options.onWait?.(holder);
    }
    try {
      // Until the holder releases it (a new uid, or none), or until it expires.
      await cluster.waitForDeletion(ref, {
        timeoutMs: Math.max(1, Math.min(left, expiresAt - Date.now())),
        signal: options.signal,
        uid: current.metadata.uid,
      });
    } catch (error) {
      // Only the expiry is expected; an interruption (AbortedError) or an API error goes up.
      if (!(error instanceof Error && error.name === 'WaitTimeoutError')) throw error;
    }
  }
}

/**
 * A holder on this very machine whose process has ended (a grader killed with SIGKILL): its lock
 * is free at once rather than when it expires. Holders elsewhere (other pods, other hosts) are
 * trusted until expiry.
 */
export function holderIsGone(
  identity: string | undefined,
  isAlive: (pid: number) => boolean = processIsAlive,
): boolean {
  const where = /@([^@:]+):(\d+):[0-9a-f]+$/.exec(identity ?? '');
  if (where === null || where[1] !== hostname()) return false;
  const pid = Number(where[2]);
  return pid !== process.pid && !isAlive(pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the Lease only if it is still the one we took (a taker after expiry keeps its own). */
async function releaseLease(cluster: Cluster, ref: ObjectRef, lease: Lease): Promise<void> {
  await cluster
    .delete(ref, {
      preconditions: {
        uid: lease.metadata.uid,
        resourceVersion: lease.metadata.resourceVersion,
      },
      signal: AbortSignal.timeout(RELEASE_TIMEOUT_MS),
    })
    .catch(() => undefined);
}

/** Releasing is one DELETE; a lock not released in time expires on its own. */
const RELEASE_TIMEOUT_MS = 15_000;

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 409;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 404;
}
