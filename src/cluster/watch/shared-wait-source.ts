import type { KubeObject } from '../cluster.js';
import { AbortedError } from '../errors.js';
import { compareResourceVersions } from './resource-version.js';
import type { ObjectMatcher } from './selector-match.js';
import {
  goneError,
  type SharedWatch,
  type StreamEvent,
  type StreamSubscriber,
} from './shared-watch.js';
import { keyOf, type WaitSource, type WatchEvent } from './wait-loop.js';

type Handlers<T> = { onEvent(event: WatchEvent<T>): void; onClose(error?: unknown): void };

/**
 * One wait's view of a shared stream, in the WaitSource shape runWait drives.
 *
 * `list` is still the wait's own list from the API server (a consistent read: a check that has
 * just deleted a pod must not see it Ready in a stream that lags a moment), but the watch that
 * follows is a subscription to the stream its kind already has, instead of a new watch request.
 * The order makes it exact: the stream is ready (watching from a resourceVersion taken earlier)
 * and the subscription buffering before the list is sent, so every change after the list reaches
 * the wait, and changes at or before the list's resourceVersion (KEP-5504 ordering) are dropped.
 * Objects that stop matching the selectors leave the wait's view with a DELETED, as the API server
 * sends them. When the stream cannot run (a permanent error such as 403, resourceVersions that do
 * not compare), the source falls back to `direct` for good.
 */
export function sharedWaitSource<T extends KubeObject>(options: {
  readonly stream: SharedWatch<T>;
  /** The wait's own list+watch from the API server (namespace and selectors applied there). */
  readonly direct: WaitSource<T>;
  /** Which stream objects belong to the wait's collection (resolved once, at the first list). */
  readonly matcher: (signal: AbortSignal) => Promise<ObjectMatcher>;
  /** Told which way the wait went, once per list: for counting. */
  readonly onList?: (mode: 'shared' | 'direct') => void;
}): WaitSource<T> {
  let direct = false;
  let pending: Subscription<T> | undefined;
  let matches: ObjectMatcher | undefined;
  const useDirect = (): void => {
    direct = true;
    pending?.dispose();
    pending = undefined;
  };
  return {
    async list(signal) {
      pending?.dispose();
      pending = undefined;
      if (!direct) {
        try {
          matches ??= await options.matcher(signal);
          await options.stream.whenReady(signal);
        } catch (error) {
          if (error instanceof AbortedError || signal.aborted) throw error;
          useDirect();
        }
      }
      if (direct || matches === undefined) {
        options.onList?.('direct');
        return options.direct.list(signal);
      }
      const subscription = new Subscription<T>(matches, useDirect);
      subscription.unsubscribe = options.stream.subscribe(subscription);
      let list;
      try {
        list = await options.direct.list(signal);
      } catch (error) {
        subscription.dispose();
        throw error;
      }
      if (compareResourceVersions(list.resourceVersion, list.resourceVersion) === undefined) {
        subscription.dispose();
        useDirect();
        options.onList?.('direct');
        return list;
      }
      subscription.seed(list.items, list.resourceVersion);
      pending = subscription;
      options.onList?.('shared');
      return list;
    },
    async watch(resourceVersion, handlers) {
      if (direct) return options.direct.watch(resourceVersion, handlers);
      const subscription = pending;
      pending = undefined;
      if (subscription === undefined) {
        // Only a list starts a subscription: make the wait list again.
        queueMicrotask(() => handlers.onClose(goneError('the shared watch needs a fresh list')));
        return () => undefined;
      }
      subscription.attach(handlers);
      return () => subscription.dispose();
    },
  };
}

/** One wait's subscription: buffers until the wait attaches, then filters and forwards. */
class Subscription<T extends KubeObject> implements StreamSubscriber<T> {
  unsubscribe: () => void = () => undefined;
  private readonly buffer: StreamEvent<T>[] = [];
  private readonly seen = new Set<string>();
  private since = '';
  private handlers: Handlers<T> | undefined;
  private reset: unknown;
  private disposed = false;

  constructor(
    private readonly matches: ObjectMatcher,
    private readonly incomparable: () => void,
  ) {}

  /** The wait's list: its objects are in view, and only changes after its resourceVersion count. */
  seed(items: readonly T[], resourceVersion: string): void {
    for (const item of items) this.seen.add(keyOf(item));
    this.since = resourceVersion;
  }

  attach(handlers: Handlers<T>): void {
    this.handlers = handlers;
    queueMicrotask(() => {
      if (this.disposed) return;
      if (this.reset !== undefined) return this.close(this.reset);
      for (const event of this.buffer.splice(0)) this.deliver(event);
    });
  }

  onEvent(event: StreamEvent<T>): void {
    if (this.disposed) return;
    if (this.handlers === undefined || this.buffer.length > 0) this.buffer.push(event);
    else this.deliver(event);
  }

  onReset(error: unknown): void {
    if (this.disposed) return;
    if (this.handlers === undefined) this.reset = error;
    else this.close(error);
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
  }

  private close(error: unknown): void {
    const handlers = this.handlers;
    this.dispose();
    handlers?.onClose(error);
  }

  private deliver(event: StreamEvent<T>): void {
    if (this.disposed || this.handlers === undefined) return;
    const order = compareResourceVersions(event.object.metadata.resourceVersion ?? '', this.since);
    if (order === undefined) {
      this.incomparable();
      return this.close(goneError('resourceVersions that do not compare: watching directly'));
    }
    if (order <= 0) return; // the wait's own list already holds this change, or a later one
    const key = keyOf(event.object);
    if (this.matches(event.object) && event.type !== 'DELETED') {
      this.seen.add(key);
      this.handlers.onEvent(event);
    } else if (this.seen.delete(key)) {
      this.handlers.onEvent({ type: 'DELETED', object: event.object });
    }
  }
}
