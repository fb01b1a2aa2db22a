import type { KubeObject, ListRef, ObjectRef, WaitCondition, WaitOptions } from '../cluster.js';
import { apiErrorFor } from '../errors.js';
import { resourcePath } from '../connect/resource-path.js';
import { listObjects, type RestContext } from '../connect/rest.js';
import { realTimers, type Timers } from './timers.js';
import { runWait, type WaitSource, type WatchEvent } from './wait-loop.js';

/** The server closes a watch after this long; the wait resumes it from the last resourceVersion. */
const WATCH_TIMEOUT_SECONDS = 290;

/** list + watch of one collection through the authenticated client. */
export function watchSource<T extends KubeObject>(rest: RestContext, ref: ListRef): WaitSource<T> {
  return {
    async list(signal) {
      const list = await listObjects<T>(rest, ref, signal);
      return { items: list.items, resourceVersion: list.metadata.resourceVersion ?? '' };
    },
    async watch(resourceVersion, handlers) {
      const info = await rest.discovery.resolve(ref.apiVersion, ref.kind);
      // Loaded on first use, so that loading the check kinds (validate) does not load the client.
      const { Watch } = await import('@kubernetes/client-node');
      const watch = new Watch(rest.transport.kc);
      const query: Record<string, string | number | boolean | undefined> = {
        resourceVersion: resourceVersion === '' ? undefined : resourceVersion,
        allowWatchBookmarks: true,
        labelSelector: ref.labelSelector,
        fieldSelector: ref.fieldSelector,
        timeoutSeconds: WATCH_TIMEOUT_SECONDS,
      };
      const path = resourcePath(info, { namespace: ref.namespace });
      const controller = await watch.watch(
        path,
        query,
        (type: string, object: unknown) => {
          const event = { type, object } as WatchEvent<T>;
          if (
            event.type !== 'ERROR' &&
            event.type !== 'BOOKMARK' &&
            typeof object === 'object' &&
            object !== null
          ) {
            handlers.onEvent({
              type: event.type,
              object: { ...(object as T), apiVersion: ref.apiVersion, kind: ref.kind },
            });
          } else handlers.onEvent(event);
        },
        (error: unknown) => handlers.onClose(watchError(rest, error, path)),
      );
      return () => controller.abort();
    },
  };
}

/**
 * client-node's Watch reports a non-200 answer as an Error with `statusCode` and network failures
 * as node-fetch errors: map them to ApiError / ClusterUnreachableError like every other call.
 */
function watchError(rest: RestContext, error: unknown, path: string): unknown {
  if (error === null || error === undefined) return undefined;
  if (!(error instanceof Error) || error.name === 'AbortError') return error;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number') {
    const apiError = apiErrorFor(statusCode, error.message, {
      method: 'GET',
      path: `${path}?watch=true`,
    });
    rest.transport.noteFault(apiError);
    return apiError;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (
    code !== undefined &&
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code)
  ) {
    return rest.transport.unreachable(error);
  }
  rest.transport.noteFault(error); // a reset or premature close counts; anything else is ignored
  return error;
}

/** A wait on a collection, from where `sources` says it reads (default: a list+watch of its own). */
export function waitFor<T extends KubeObject, R>(
  rest: RestContext,
  ref: ListRef,
  condition: WaitCondition<T, R>,
  options: WaitOptions & { timers?: Timers; source?: WaitSource<T> },
): Promise<R> {
  return runWait(options.source ?? watchSource<T>(rest, ref), condition, {
    ...options,
    timers: options.timers ?? realTimers,
  });
}

/** Waits until the object is gone (or replaced by one with another uid, when `uid` is given). */
export function waitForDeletion(
  rest: RestContext,
  ref: ObjectRef,
  options: WaitOptions & {
    uid?: string;
    timers?: Timers;
    sourceFor?: (ref: ListRef) => WaitSource<KubeObject>;
  },
): Promise<void> {
  const what = `${ref.kind.toLowerCase()} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
  const list: ListRef = {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    namespace: ref.namespace,
    fieldSelector: `metadata.name=${ref.name}`,
  };
  return waitFor<KubeObject, undefined>(
    rest,
    list,
    {
      description: `${what} to be deleted`,
      check(objects) {
        const left = objects.filter(
          (o) => options.uid === undefined || o.metadata.uid === options.uid,
        );
        if (left.length === 0) return { state: 'met', value: undefined };
        const finalizers = (left[0]?.metadata['finalizers'] as string[] | undefined) ?? [];
        const still = finalizers.length > 0 ? ` (finalizers: ${finalizers.join(', ')})` : '';
        return { state: 'pending', errors: [`${what} still exists${still}`] };
      },
    },
    { ...options, source: options.sourceFor?.(list) },
  );
}
