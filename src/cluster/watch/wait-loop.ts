import type { KubeObject, WaitCondition } from '../cluster.js';
import { ErrorClass, classifyError } from './error-class.js';
import {
  AbortedError,
  WaitImpossibleError,
  WaitTimeoutError,
  isRecord,
  statusFromBody,
} from '../errors.js';
import { describeObjects } from './short-yaml.js';
import { backoffDelay, type Timers } from './timers.js';

/** A watch event as the API server streams it. */
export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T | Record<string, unknown>;
}

/** Where a wait reads from: a list, then a watch from the list's resourceVersion. */
export interface WaitSource<T extends KubeObject> {
  list(signal: AbortSignal): Promise<{ items: T[]; resourceVersion: string }>;
  /** Starts a watch; `onClose` is called once, with the error if it broke. Returns a stop function. */
  watch(
    resourceVersion: string,
    handlers: { onEvent(event: WatchEvent<T>): void; onClose(error?: unknown): void },
  ): Promise<() => void>;
}

export interface WaitLoopOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (status: string) => void;
  readonly timers: Timers;
}

/** Error raised inside the watch stream (an ERROR event): carries the Status code. */
class WatchStreamError extends Error {
  override readonly name = 'WatchStreamError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The list+watch wait: evaluates the condition on every change, reconnects with backoff on
 * transient errors, relists on 410 Gone, ends at once on `impossible` or a permanent error, and
 * throws WaitTimeoutError (with the last pending errors and objects) at the deadline.
 */
export function runWait<T extends KubeObject, R>(
  source: WaitSource<T>,
  condition: WaitCondition<T, R>,
  options: WaitLoopOptions,
): Promise<R> {
  const { timers } = options;
  const objects = new Map<string, T>();
  const internal = new AbortController();
  let lastErrors: readonly string[] = [];
  let lastTransient: unknown;
  let resourceVersion = '';
  let attempt = 0;
  let stopWatch: (() => void) | undefined;
  let cancelRetry: (() => void) | undefined;
  let finished = false;
  let generation = 0;

  return new Promise<R>((resolve, reject) => {
    const snapshot = (): T[] =>
      [...objects.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const finish = (outcome: { value: R } | { error: unknown }): void => {
      if (finished) return;
      finished = true;
      cancelTimeout();
      cancelRetry?.();
      stopWatch?.();
      internal.abort();
      options.signal?.removeEventListener('abort', onAbort);
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const cancelTimeout = timers.setTimeout(() => {
      const errors =
        lastErrors.length > 0 || lastTransient === undefined
          ? lastErrors
          : [`last API error: ${String(lastTransient)}`];
      finish({
        error: new WaitTimeoutError(
          condition.description,
          options.timeoutMs,
          errors,
          describeObjects(snapshot()),
        ),
      });
    }, options.timeoutMs);
    const onAbort = (): void =>
      finish({ error: new AbortedError(`waiting for ${condition.description}`) });
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const evaluate = (): void => {
      let state;
      try {
        state = condition.check(snapshot());
      } catch (error) {
        return finish({ error });
      }
      if (state.state === 'met') return finish({ value: state.value });
      if (state.state === 'impossible') {
        return finish({
          error: new WaitImpossibleError(
            condition.description,
            state.reason,
            describeObjects(snapshot()),
          ),
        });
      }
      lastErrors = state.errors;
      options.onProgress?.(state.errors[0] ?? `waiting for ${condition.description}`);
    };
    const retry = (what: () => void, error: unknown): void => {
      const kind = classifyError(error);
      if (kind === ErrorClass.permanent) return finish({ error });
      lastTransient = error;
      const delay = kind === ErrorClass.gone ? 0 : backoffDelay(attempt++);
      cancelRetry = timers.setTimeout(kind === ErrorClass.gone ? relist : what, delay);
    };
    const relist = (): void => {
      if (finished) return;
      source.list(internal.signal).then(
        (list) => {
          if (finished) return;
          objects.clear();
          for (const item of list.items) objects.set(keyOf(item), item);
          resourceVersion = list.resourceVersion;
          stopWatch?.();
          stopWatch = undefined;
          evaluate();
          startWatch();
        },
        (error: unknown) => {
          if (!finished)
            retry(relist, classifyError(error) === ErrorClass.gone ? transientOf(error) : error);
        },
      );
    };
    const onEvent = (event: WatchEvent<T>): void => {
      if (finished) return;
      if (event.type === 'ERROR') {
        const status = statusOfEvent(event.object);
        generation++; // the broken watch's own close must not schedule a second reconnect
        stopWatch?.();
        stopWatch = undefined;
        return retry(startWatch, new WatchStreamError(status.code, status.message));
      }
      const object = event.object as T;
      const rv = object.metadata?.resourceVersion;
      if (rv !== undefined && rv !== '') resourceVersion = rv;
      if (event.type === 'BOOKMARK') return;
      attempt = 0;
      if (event.type === 'DELETED') objects.delete(keyOf(object));
      else objects.set(keyOf(object), object);
      evaluate();
    };
    const startWatch = (): void => {
      if (finished) return;
      const mine = ++generation;
      const onClose = (error?: unknown): void => {
        if (finished || mine !== generation) return;
        stopWatch = undefined;
        // A watch the server closed normally is resumed from the last resourceVersion.
        retry(startWatch, error ?? new WatchStreamError(503, 'watch closed by the server'));
      };
      source.watch(resourceVersion, { onEvent, onClose }).then(
        (stop) => {
          if (finished || mine !== generation) stop();
          else stopWatch = stop;
        },
        (error: unknown) => onClose(error ?? new Error('watch failed')),
      );
    };
    relist();
  });
}

/** A 410 from a list (not a watch) cannot be fixed by relisting: treat it as transient. */
function transientOf(error: unknown): unknown {
  return new WatchStreamError(503, error instanceof Error ? error.message : String(error));
}

function statusOfEvent(object: unknown): { code: number; message: string } {
  if (isRecord(object) && typeof object['code'] === 'number') {
    const status = statusFromBody(object['code'], JSON.stringify(object));
    return { code: status.code, message: status.message };
  }
  return { code: 500, message: 'watch ERROR event without a Status' };
}

/** namespace/name, stable across updates; sorted for deterministic condition input. */
export function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? object.metadata?.uid ?? ''}`;
}
