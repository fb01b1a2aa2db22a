import type { KubeObject, ListRef, ObjectRef } from '../cluster.js';
import type { Discovery } from './discovery.js';
import { ApiError } from '../errors.js';
import { resourcePath } from './resource-path.js';
import type { Transport } from './transport.js';

/** What every generic REST operation needs: the authenticated transport and the discovery cache. */
export interface RestContext {
  readonly transport: Transport;
  readonly discovery: Discovery;
}

export interface KubeList<T extends KubeObject> {
  readonly metadata: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items: T[];
}

/** The object, or undefined when it does not exist. */
export async function getObject<T extends KubeObject>(
  rest: RestContext,
  ref: ObjectRef,
  signal?: AbortSignal,
): Promise<T | undefined> {
  const info = await rest.discovery.resolve(ref.apiVersion, ref.kind, signal);
  try {
    return await rest.transport.json<T>({ method: 'GET', path: resourcePath(info, ref), signal });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

/** Lists every page; items get apiVersion/kind filled in (the API server leaves them out of lists). */
export async function listObjects<T extends KubeObject>(
  rest: RestContext,
  ref: ListRef,
  signal?: AbortSignal,
): Promise<KubeList<T>> {
  const info = await rest.discovery.resolve(ref.apiVersion, ref.kind, signal);
  const path = resourcePath(info, { namespace: ref.namespace });
  const items: T[] = [];
  let token: string | undefined;
  let resourceVersion: string | undefined;
  do {
    const page = await rest.transport.json<KubeList<T>>({
      method: 'GET',
      path,
      query: {
        labelSelector: ref.labelSelector,
        fieldSelector: ref.fieldSelector,
        limit: '500',
        continue: token,
      },
      signal,
    });
    for (const item of page.items)
      items.push({ ...item, apiVersion: ref.apiVersion, kind: ref.kind });
    token = page.metadata.continue === '' ? undefined : page.metadata.continue;
    resourceVersion = page.metadata.resourceVersion;
  } while (token !== undefined);
  return { metadata: { resourceVersion }, items };
}

/**
 * The collection's current resourceVersion, from a one-item list (a consistent read from etcd, as
 * cheap as a list gets): where a watch of the whole collection starts.
 */
export async function collectionResourceVersion(
  rest: RestContext,
  ref: ListRef,
  signal?: AbortSignal,
): Promise<string> {
  const info = await rest.discovery.resolve(ref.apiVersion, ref.kind, signal);
  const page = await rest.transport.json<KubeList<KubeObject>>({
    method: 'GET',
    path: resourcePath(info, { namespace: ref.namespace }),
    query: { limit: '1' },
    signal,
  });
  return page.metadata.resourceVersion ?? '';
}

export async function createObject<T extends KubeObject>(
  rest: RestContext,
  object: KubeObject,
  signal?: AbortSignal,
): Promise<T> {
  const info = await rest.discovery.resolve(object.apiVersion, object.kind, signal);
  const path = resourcePath(info, { namespace: object.metadata.namespace });
  return rest.transport.json<T>({ method: 'POST', path, body: JSON.stringify(object), signal });
}

export async function mergePatch<T extends KubeObject>(
  rest: RestContext,
  ref: ObjectRef,
  patch: object,
  signal?: AbortSignal,
): Promise<T> {
  const info = await rest.discovery.resolve(ref.apiVersion, ref.kind, signal);
  return rest.transport.json<T>({
    method: 'PATCH',
    path: resourcePath(info, ref),
    body: JSON.stringify(patch),
    contentType: 'application/merge-patch+json',
    signal,
  });
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** Delete only this version of the object: 409 Conflict when it changed since. */
  preconditions?: { uid?: string | undefined; resourceVersion?: string | undefined };
  signal?: AbortSignal;
}

/** Deletes; a missing object is fine. */
export async function deleteObject(
  rest: RestContext,
  ref: ObjectRef,
  options: DeleteOptions = {},
): Promise<void> {
  const info = await rest.discovery.resolve(ref.apiVersion, ref.kind, options.signal);
  const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
  if (options.gracePeriodSeconds !== undefined)
    body['gracePeriodSeconds'] = options.gracePeriodSeconds;
  body['propagationPolicy'] = options.propagationPolicy ?? 'Background';
  if (options.preconditions !== undefined) body['preconditions'] = options.preconditions;
  try {
    await rest.transport.json<unknown>({
      method: 'DELETE',
      path: resourcePath(info, ref),
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return;
    throw error;
  }
}
