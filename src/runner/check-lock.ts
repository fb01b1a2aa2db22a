import type { Cluster } from '../cluster/cluster.js';
import { ForbiddenError } from '../cluster/errors.js';
import { acquireLeaseLock, type HeldLock } from '../cluster/lease-lock.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../model/scope.js';
import { RUNNER_TIMEOUTS } from './timeouts.js';

/** The lock of an exclusive check: held (or not takeable for want of rights), or a reason for no verdict. */
export type CheckLock =
  | {
      readonly taken: true;
      /** Undefined when the grader may not write Leases: the check runs unlocked, and says so. */
      readonly lock: HeldLock | undefined;
      readonly notes: readonly string[];
    }
  | { readonly taken: false; readonly message: string };

/** The Lease behind lock `name` (kube-system/kubelab-lock-<name>). */
export function lockLeaseName(name: string): string {
  return `kubelab-lock-${name}`;
}

/**
 * Takes the cluster-wide lock `name` for a check that will hold it at most `holdMs`. A grader the
 * cluster forbids to write Leases (a student's own narrow identity) still runs the check, with a
 * note; a lock held past RUNNER_TIMEOUTS.lockWaitMs by others is no verdict. Throws only when
 * `signal` fires.
 */
export async function takeCheckLock(options: {
  readonly cluster: Cluster;
  readonly name: string;
  /** Who holds it, for the message of whoever waits: "<namespace>/<check id>". */
  readonly holder: string;
  readonly holdMs: number;
  readonly signal: AbortSignal;
  readonly onProgress?: (activity: string) => void;
}): Promise<CheckLock> {
  try {
    const lock = await acquireLeaseLock(options.cluster, {
      name: lockLeaseName(options.name),
      holder: options.holder,
      durationSeconds: options.holdMs / 1000,
      timeoutMs: RUNNER_TIMEOUTS.lockWaitMs,
      signal: options.signal,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      onWait: (holder) =>
        options.onProgress?.(
          `waiting for the cluster-wide ${options.name} lock, held by ${holder}`,
        ),
    });
    const waited =
      lock.waitedMs >= 1000
        ? [`waited ${(lock.waitedMs / 1000).toFixed(1)}s for the cluster-wide ${options.name} lock`]
        : [];
    return { taken: true, lock, notes: waited };
  } catch (error) {
    if (options.signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ForbiddenError) {
      return {
        taken: true,
        lock: undefined,
        notes: [
          `ran without the cluster-wide ${options.name} lock (${message}): the same check of another grader on this cluster at the same time may have disturbed it`,
        ],
      };
    }
    return { taken: false, message: `no verdict: ${message}` };
  }
}
