import type { CheckKind } from '../check-api/check-kind.js';
import type { CheckSpec, Lab } from '../model/lab.js';

/** The runner's own deadlines, each with why it is that long. */
export const RUNNER_TIMEOUTS = {
  /**
   * After a check's timeout, how long the runner still waits for the check to return its own
   * verdict (checks stop waiting a little before their timeout to collect diagnostics, and an
   * aborted watch needs a moment to close) before reporting it as timed out.
   */
  checkGraceMs: 3_000,
  /** Events and previous logs for a failed check that gave none: a few API calls, ten seconds. */
  diagnosticsMs: 10_000,
  /**
   * Applying a lab's manifests: each document is one server-side apply; thirty seconds per
   * directory covers a slow admission webhook.
   */
  applyMs: 30_000,
  /**
   * Waiting for an exclusive check's cluster-wide lock (see CheckKind.exclusive): its holders are
   * preemption checks of other students, each under a minute; ten minutes is a queue of about ten,
   * as when four shards grade at concurrency 4 on one cluster.
   */
  lockWaitMs: 600_000,
  /**
   * The most a check may move its deadline for Kubernetes' own delays (CheckContext.extendDeadline):
   * the kubelet's longest restart back-off, 300 s, and ten seconds for its pod worker to act on it.
   */
  deadlineExtensionMs: 310_000,
} as const;

export interface TimeoutSources {
  readonly check: Pick<CheckSpec, 'timeout' | 'kind'>;
  readonly lab: Pick<Lab, 'timeouts'>;
  readonly kind: Pick<CheckKind, 'defaultTimeoutMs'> | undefined;
}

/** Used only when the kind is unknown (the check then errors at once anyway). */
export const UNKNOWN_KIND_TIMEOUT_MS = 60_000;

/**
 * A check's timeout in ms, from the most specific setting: the check's own `timeout`, then the
 * lab's `timeouts[<kind>]`, then the lab's `timeouts.default`, then the kind's defaultTimeoutMs.
 */
export function resolveTimeoutMs(sources: TimeoutSources): number {
  return (
    sources.check.timeout ??
    sources.lab.timeouts[sources.check.kind] ??
    sources.lab.timeouts['default'] ??
    sources.kind?.defaultTimeoutMs ??
    UNKNOWN_KIND_TIMEOUT_MS
  );
}
