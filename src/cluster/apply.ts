import type { ApplyOptions, ApplyResult, KubeObject } from './cluster.js';
import { UnknownKindError } from './connect/discovery.js';
import { ApiError, WaitTimeoutError } from './errors.js';
import { parseManifests } from './manifests.js';
import { resourcePath, type ResourceInfo } from './connect/resource-path.js';
import type { RestContext } from './connect/rest.js';
import { waitFor } from './watch/wait.js';

export const DEFAULT_FIELD_MANAGER = 'kubelab';

/** A document ready to apply, with where it came from. */
export interface SourcedObject {
  readonly object: KubeObject;
  readonly source: string;
}

/** Parses the text and applies every document; malformed documents come back as errors with file:line:column. */
export async function applyYaml(
  rest: RestContext,
  text: string,
  source: string,
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const parsed = parseManifests(text, source);
  const objects: SourcedObject[] = [];
  const results = new Map<number, ApplyResult>();
  parsed.forEach((doc, index) => {
    if (doc.ok) objects.push({ object: doc.object, source: doc.source });
    else results.set(index, { ok: false, ref: {}, error: doc.error, source: doc.source });
  });
  const applied = await applyObjects(rest, objects, options);
  let next = 0;
  return parsed.map((_doc, index) => results.get(index) ?? (applied[next++] as ApplyResult));
}

/** Rank in kubectl's order: Namespaces, CRDs, other cluster-scoped objects, then the rest. */
export function applyRank(kind: string, namespaced: boolean | undefined): number {
  if (kind === 'Namespace') return 0;
  if (kind === 'CustomResourceDefinition') return 1;
  return namespaced === false ? 2 : 3;
}

/**
 * Server-side apply of each object, faithfully: the JSON sent is the object as parsed, with
 * strict field validation, so an unknown field comes back as an error naming it. Objects are
 * applied in applyRank order; results come back in input order.
 */
export async function applyObjects(
  rest: RestContext,
  objects: readonly SourcedObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const resolved = await Promise.all(
    objects.map(async (entry) => {
      try {
        return await rest.discovery.resolve(
          entry.object.apiVersion,
          entry.object.kind,
          options.signal,
        );
      } catch (error) {
        if (error instanceof UnknownKindError || error instanceof ApiError) return error;
        throw error;
      }
    }),
  );
  const order = objects
    .map((entry, index) => ({ entry, index, info: resolved[index] }))
    .sort((a, b) => {
      const rankA = applyRank(
        a.entry.object.kind,
        a.info instanceof Error ? undefined : a.info?.namespaced,
      );
      const rankB = applyRank(
        b.entry.object.kind,
        b.info instanceof Error ? undefined : b.info?.namespaced,
      );
      return rankA - rankB || a.index - b.index;
    });
  const results: ApplyResult[] = new Array<ApplyResult>(objects.length);
  let crdApplied = false;
  for (const { entry, index, info: resolvedInfo } of order) {
    let info = resolvedInfo;
    // A custom resource whose CRD came earlier in this batch: its kind exists only now.
    if (info instanceof UnknownKindError && crdApplied) {
      const { apiVersion, kind } = entry.object;
      info = await rest.discovery.resolve(apiVersion, kind, options.signal).catch((e: unknown) => {
        if (e instanceof UnknownKindError) return e;
        throw e;
      });
    }
    if (info === undefined || info instanceof Error) {
      results[index] = failure(entry, info?.message ?? 'unknown kind');
      continue;
    }
    results[index] = await applyOne(rest, entry, info, options);
    if (entry.object.kind === 'CustomResourceDefinition' && results[index]?.ok === true) {
      if (options.dryRun !== true) {
        // Not Established in time: its custom resources below then fail on their own as unknown kinds.
        await crdEstablished(rest, entry.object, options.signal).catch((e: unknown) => {
          if (!(e instanceof WaitTimeoutError)) throw e;
        });
      }
      rest.discovery.invalidate();
      crdApplied = true;
    }
  }
  return results;
}

/** A CRD is served within a second or two of being created; 30s means the API server is struggling. */
const CRD_ESTABLISHED_TIMEOUT_MS = 30_000;

/** Waits (watch) until the CRD reports Established, so its custom resources can be applied next. */
async function crdEstablished(
  rest: RestContext,
  crd: KubeObject,
  signal?: AbortSignal,
): Promise<void> {
  const name = crd.metadata.name ?? '';
  await waitFor<KubeObject, true>(
    rest,
    { apiVersion: crd.apiVersion, kind: crd.kind, fieldSelector: `metadata.name=${name}` },
    {
      description: `CustomResourceDefinition ${name} to be Established`,
      check(objects) {
        const status = objects[0]?.['status'] as
          { conditions?: { type: string; status: string }[] } | undefined;
        const established = status?.conditions?.some(
          (c) => c.type === 'Established' && c.status === 'True',
        );
        return established === true
          ? { state: 'met', value: true }
          : {
              state: 'pending',
              errors: [`CustomResourceDefinition ${name} is not Established yet`],
            };
      },
    },
    { timeoutMs: CRD_ESTABLISHED_TIMEOUT_MS, signal },
  );
}

async function applyOne(
  rest: RestContext,
  entry: SourcedObject,
  info: ResourceInfo,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { object } = entry;
  const name = object.metadata.name;
  if (name === undefined || name === '') {
    return failure(
      entry,
      `${object.kind} has no metadata.name; server-side apply needs a name (generateName is not enough)`,
    );
  }
  const namespace = info.namespaced
    ? (object.metadata.namespace ?? options.namespace ?? 'default')
    : undefined;
  const ref = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name,
    ...(namespace === undefined ? {} : { namespace }),
  };
  try {
    const applied = await rest.transport.json<KubeObject>({
      method: 'PATCH',
      path: resourcePath(info, { namespace, name }),
      query: {
        fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
        fieldValidation: 'Strict',
        force: String(options.force ?? true),
        dryRun: options.dryRun === true ? 'All' : undefined,
      },
      body: JSON.stringify(object),
      contentType: 'application/apply-patch+yaml',
      signal: options.signal,
    });
    return { ok: true, ref, object: applied, source: entry.source };
  } catch (error) {
    if (error instanceof ApiError)
      return { ok: false, ref, error: applyMessage(error), source: entry.source };
    if (error instanceof Error && error.name === 'Error')
      return { ok: false, ref, error: error.message, source: entry.source };
    throw error;
  }
}

/**
 * The API server's own words, without the request line and without the
 * `failed to create typed patch object (<ns>/<name>; <gvk>): ` preamble (the result names the object),
 * so a typo reads `.spec.template.spec.containers[name="app"].livenessprobe: field not declared in schema`.
 */
export function applyMessage(error: ApiError): string {
  return error.status.message.replace(/^failed to create typed patch object \([^)]*\): /, '');
}

function failure(entry: SourcedObject, error: string): ApplyResult {
  const { apiVersion, kind } = entry.object;
  const name = entry.object.metadata.name ?? '';
  return { ok: false, ref: { apiVersion, kind, name }, error, source: entry.source };
}
