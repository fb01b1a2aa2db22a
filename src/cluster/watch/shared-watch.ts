import type { KubeObject } from '../cluster.js';
import { ErrorClass, classifyError } from './error-class.js';
import { AbortedError, ApiError, isRecord, statusFromBody } from '../errors.js';
import { backoffDelay, type Timers } from './timers.js';
import type { WaitSource, WatchEvent } from './wait-loop.js';

/** An object change the shared stream passes on (bookmarks and errors stay inside). */
export interface StreamEvent<T extends KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
}

export interface StreamSubscriber<T extends KubeObject> {
  onEvent(event: StreamEvent<T>): void;
  /**
   * The stream lost events (410 Gone: it had to start again from a newer resourceVersion) or
   * stopped for good: what the subscriber holds may be stale, so it must list again.
   */
  onReset(error: ApiError): void;
}

/**
 * One list+watch of a whole collection (every namespace), shared by many subscribers: the
 * reflector half of an informer. It starts from the collection's current resourceVersion (a
 * one-item list), resumes from the last resourceVersion it saw when the server closes the watch or
 * the network drops (nothing is lost, so subscribers are not told), starts again on 410 Gone (and
 * resets every subscriber), and fails for good on a permanent error such as 403, after which
 * `whenReady` rejects with it so callers fall back to watching on their own.
 */
export class SharedWatch<T extends KubeObject> {
  private readonly subscribers = new Set<StreamSubscriber<T>>();
  private resourceVersion = '';
  private ready: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;
  private attempt = 0;
  private generation = 0;
  private stopWatch: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  private readonly internal = new AbortController();

  /**
   * @param source lists (only the resourceVersion is used) and watches the whole collection.
   * @param description "pods", for error messages.
   */
  constructor(
    private readonly source: WaitSource<T>,
    private readonly timers: Timers,
    private readonly description: string,
  ) {}

  /**
   * Resolves once the stream watches from a resourceVersion taken before this call returned, so a
   * list made after it misses no later event; starts the stream on first use. Rejects with the
   * permanent error when the stream cannot run (and with AbortedError when `signal` aborts).
   */
  whenReady(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new StreamClosedError(this.description));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.ready ??= this.start();
    const ready = this.ready;
    if (signal === undefined) return ready;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void =>
        reject(new AbortedError(`waiting for the ${this.description} stream`));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      ready.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Passes every later change to `subscriber` until the returned function is called. */
  subscribe(subscriber: StreamSubscriber<T>): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** The number of subscribers now (for tests and the benchmark). */
  get size(): number {
    return this.subscribers.size;
  }

  /** Stops the stream; subscribers still attached are reset. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelRetry?.();
    this.stopWatch?.();
    this.internal.abort();
    this.resetAll(`the ${this.description} stream was closed`);
  }

  /** Lists for a fresh resourceVersion, then watches from it; retried with backoff when transient. */
  private start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const attemptList = (): void => {
        if (this.closed) return reject(new StreamClosedError(this.description));
        this.source.list(this.internal.signal).then(
          (list) => {
            this.resourceVersion = list.resourceVersion;
            this.startWatch();
            resolve();
          },
          (error: unknown) => {
            if (classifyError(error) === ErrorClass.permanent) {
              this.failure = error;
              this.ready = undefined;
              return reject(error);
            }
            this.cancelRetry = this.timers.setTimeout(attemptList, backoffDelay(this.attempt++));
          },
        );
      };
      attemptList();
    });
  }

  private startWatch(): void {
    if (this.closed) return;
    const mine = ++this.generation;
    const onClose = (error?: unknown): void => {
      if (this.closed || mine !== this.generation) return;
      this.stopWatch = undefined;
      this.onBroken(error);
    };
    const onEvent = (event: WatchEvent<T>): void => {
      if (this.closed || mine !== this.generation) return;
      if (event.type === 'ERROR') {
        this.generation++; // the broken watch's own close must not act a second time
        this.stopWatch?.();
        this.stopWatch = undefined;
        return this.onBroken(errorOfEvent(event.object, this.description));
      }
      const object = event.object as T;
      const rv = object.metadata?.resourceVersion;
      if (rv !== undefined && rv !== '') this.resourceVersion = rv;
      if (event.type === 'BOOKMARK') return;
      this.attempt = 0;
      for (const subscriber of [...this.subscribers]) {
        // One subscriber that throws must not keep the change from the others (client-node's
        // watch swallows what its callback throws, so nobody would ever hear of it).
        try {
          subscriber.onEvent({ type: event.type, object });
        } catch (error) {
          this.subscribers.delete(subscriber);
          subscriber.onReset(
            goneError(
              `a subscriber failed on a ${this.description} change: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
        }
      }
    };
    this.source.watch(this.resourceVersion, { onEvent, onClose }).then(
      (stop) => {
        if (this.closed || mine !== this.generation) stop();
        else this.stopWatch = stop;
      },
      (error: unknown) => onClose(error ?? new Error('watch failed')),
    );
  }

  /** A closed or broken watch: resume from the last resourceVersion, start again, or give up. */
  private onBroken(error: unknown): void {
    const kind = error === undefined ? ErrorClass.transient : classifyError(error);
    if (kind === ErrorClass.permanent) {
      this.failure = error;
      this.ready = undefined;
      return this.resetAll(
        `the ${this.description} stream failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (kind === ErrorClass.gone) {
      // Events between the last resourceVersion and the new list are lost: everyone relists.
      this.ready = this.start();
      this.ready.catch(() => undefined);
      return this.resetAll(`the ${this.description} stream expired (410 Gone) and started again`);
    }
    // A normal close (the server's watch timeout) or a failure: resume after a backoff that
    // restarts at its shortest with every event, so a server that keeps closing at once is not
    // hammered, and nothing is lost in between (the watch resumes from the last resourceVersion).
    const delay = backoffDelay(this.attempt++);
    this.cancelRetry = this.timers.setTimeout(() => this.startWatch(), delay);
  }

  private resetAll(message: string): void {
    const error = goneError(message);
    for (const subscriber of [...this.subscribers]) subscriber.onReset(error);
  }
}

/** The stream was closed (the grading run ended): waits still going watch on their own. */
export class StreamClosedError extends Error {
  override readonly name = 'StreamClosedError';
  constructor(description: string) {
    super(`the shared ${description} stream is closed`);
  }
}

/** The error subscribers get on a reset: a 410, which makes a wait list again at once. */
export function goneError(message: string): ApiError {
  return new ApiError(
    { code: 410, reason: 'Expired', message },
    { method: 'GET', path: '(shared watch)' },
  );
}

function errorOfEvent(object: unknown, description: string): ApiError {
  if (isRecord(object) && typeof object['code'] === 'number')
    return new ApiError(statusFromBody(object['code'], JSON.stringify(object)), {
      method: 'GET',
      path: `(${description} watch)`,
    });
  return new ApiError(
    { code: 500, reason: 'InternalError', message: 'watch ERROR event without a Status' },
    { method: 'GET', path: `(${description} watch)` },
  );
}
