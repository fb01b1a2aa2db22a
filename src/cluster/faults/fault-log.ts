import { describeClusterFault, isClusterFault } from './cluster-fault.js';

/** What a FaultLog saw since a mark: how many cluster faults, and how the latest one read. */
export interface FaultsSince {
  readonly count: number;
  /** describeClusterFault of the latest fault; undefined when there was none. */
  readonly latest: string | undefined;
}

/**
 * Counts the cluster faults (see cluster-fault.ts) a context's transports run into, so a caller
 * can ask "did the cluster fail while I worked?" with `mark()` before and `since(mark)` after —
 * including faults a wait retried through and a check then turned into a plain "failed".
 * Transports of the same context (the grader's, the impersonated student's) share one log.
 */
export class FaultLog {
  private count = 0;
  private latest: string | undefined;

  /** Notes `error` if it is a cluster fault; returns whether it was. Anything else is ignored. */
  record(error: unknown): boolean {
    if (!isClusterFault(error)) return false;
    this.count += 1;
    this.latest = describeClusterFault(error);
    return true;
  }

  /** A point to compare against later with `since`. */
  mark(): number {
    return this.count;
  }

  since(mark: number): FaultsSince {
    const count = this.count - mark;
    return { count, latest: count > 0 ? this.latest : undefined };
  }
}
