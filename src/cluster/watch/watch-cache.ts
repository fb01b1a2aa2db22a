import type { KubeObject, ListRef } from '../cluster.js';
import { collectionResourceVersion, type RestContext } from '../connect/rest.js';
import { matcherFor } from './selector-match.js';
import { SharedWatch } from './shared-watch.js';
import { sharedWaitSource } from './shared-wait-source.js';
import { realTimers, type Timers } from './timers.js';
import { watchSource } from './wait.js';
import type { WaitSource } from './wait-loop.js';

/** Where a Cluster's waits read from (src/cluster/connect/client.ts takes one). */
export interface WaitSources {
  sourceFor<T extends KubeObject>(ref: ListRef): WaitSource<T>;
}

/** Every wait opens its own list+watch: what `kubelab check` does. */
export function directWaitSources(rest: RestContext): WaitSources {
  return { sourceFor: (ref) => watchSource(rest, ref) };
}

/** How the waits a WatchCache served went, for the benchmark and the batch README. */
export interface WatchCacheStats {
  /** Collections watched once for everyone ("v1/Pod"), sorted. */
  readonly streams: readonly string[];
  /** Wait lists followed by a subscription to a shared stream. */
  readonly shared: number;
  /** Wait lists followed by a watch of their own (selectors not evaluable here, stream refused). */
  readonly direct: number;
}

/**
 * One shared watch per kind across every namespace, for batch grading: many submissions' checks
 * wait at once, and instead of a watch request each, every wait on pods subscribes to the one pod
 * stream (see shared-wait-source.ts for why each wait still lists once). Streams start on first
 * use and stop with `close()`.
 */
export class WatchCache implements WaitSources {
  private readonly streams = new Map<string, SharedWatch<KubeObject>>();
  private shared = 0;
  private direct = 0;
  private closed = false;

  constructor(
    private readonly rest: RestContext,
    private readonly timers: Timers = realTimers,
  ) {}

  sourceFor<T extends KubeObject>(ref: ListRef): WaitSource<T> {
    const direct = watchSource<T>(this.rest, ref);
    const matcher = matcherFor(ref);
    if (matcher === undefined || this.closed) {
      return {
        list: (signal) => {
          this.direct += 1;
          return direct.list(signal);
        },
        watch: (rv, handlers) => direct.watch(rv, handlers),
      };
    }
    return sharedWaitSource<T>({
      stream: this.streamFor(ref) as unknown as SharedWatch<T>,
      direct,
      matcher: async (signal) =>
        matcher({
          namespaced: (await this.rest.discovery.resolve(ref.apiVersion, ref.kind, signal))
            .namespaced,
        }),
      onList: (mode) => (mode === 'shared' ? (this.shared += 1) : (this.direct += 1)),
    });
  }

  stats(): WatchCacheStats {
    return { streams: [...this.streams.keys()].sort(), shared: this.shared, direct: this.direct };
  }

  /** Stops every stream; waits still running are reset and go on with watches of their own. */
  close(): void {
    this.closed = true;
    for (const stream of this.streams.values()) stream.close();
  }

  private streamFor(ref: ListRef): SharedWatch<KubeObject> {
    const key = `${ref.apiVersion}/${ref.kind}`;
    let stream = this.streams.get(key);
    if (stream === undefined) {
      const collection = { apiVersion: ref.apiVersion, kind: ref.kind };
      const watch = watchSource<KubeObject>(this.rest, collection);
      stream = new SharedWatch<KubeObject>(
        {
          list: async (signal) => ({
            items: [],
            resourceVersion: await collectionResourceVersion(this.rest, collection, signal),
          }),
          watch: (rv, handlers) => watch.watch(rv, handlers),
        },
        this.timers,
        `${ref.kind} (${ref.apiVersion})`,
      );
      this.streams.set(key, stream);
    }
    return stream;
  }
}
