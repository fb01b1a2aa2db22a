import { closest } from 'fastest-levenshtein';
import { ApiError } from '../errors.js';
import { groupVersionPath, parseApiVersion, type ResourceInfo } from './resource-path.js';
import type { Transport } from './transport.js';

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/** The kind is not served by the cluster (typo in kind/apiVersion, or a CRD not installed). */
export class UnknownKindError extends Error {
  override readonly name = 'UnknownKindError';
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
    known: readonly string[],
    options?: { cause?: unknown },
  ) {
    const suggestion = known.length > 0 ? ` Did you mean "${closest(kind, [...known])}"?` : '';
    const served =
      known.length > 0
        ? `it serves ${known.length} kinds there`
        : `the cluster serves no apiVersion "${apiVersion}" (check the apiVersion, or install the CRD)`;
    super(
      `the cluster has no kind "${kind}" in apiVersion "${apiVersion}": ${served}.${suggestion}`,
      options,
    );
  }
}

/** Per-cluster cache of resource lists (`/api/v1`, `/apis/<group>/<version>`). */
export class Discovery {
  private readonly cache = new Map<string, Promise<ResourceInfo[]>>();

  constructor(private readonly transport: Transport) {}

  /** Resolves apiVersion/kind to its plural and scope; refreshes once when the kind is unknown (fresh CRDs). */
  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    let resources = await this.resources(apiVersion, signal);
    let found = resources.find((resource) => resource.kind === kind);
    if (found === undefined) {
      this.cache.delete(apiVersion);
      resources = await this.resources(apiVersion, signal);
      found = resources.find((resource) => resource.kind === kind);
    }
    if (found === undefined) {
      throw new UnknownKindError(
        apiVersion,
        kind,
        resources.map((resource) => resource.kind),
      );
    }
    return found;
  }

  /** Forgets everything (after CRDs change). */
  invalidate(): void {
    this.cache.clear();
  }

  private resources(apiVersion: string, signal?: AbortSignal): Promise<ResourceInfo[]> {
    let entry = this.cache.get(apiVersion);
    if (entry === undefined) {
      entry = this.fetch(apiVersion, signal);
      this.cache.set(apiVersion, entry);
      entry.catch(() => this.cache.delete(apiVersion));
    }
    return entry;
  }

  private async fetch(apiVersion: string, signal?: AbortSignal): Promise<ResourceInfo[]> {
    const gv = parseApiVersion(apiVersion);
    try {
      const list = await this.transport.json<ApiResourceList>({
        method: 'GET',
        path: groupVersionPath(gv),
        signal,
      });
      return resourcesFromList(gv, list);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return [];
      throw error;
    }
  }
}

/** Top-level resources (no subresources) of one group/version, as ResourceInfo. */
export function resourcesFromList(
  gv: { group: string; version: string },
  list: ApiResourceList,
): ResourceInfo[] {
  return (list.resources ?? [])
    .filter((resource) => !resource.name.includes('/'))
    .map((resource) => ({
      group: gv.group,
      version: gv.version,
      kind: resource.kind,
      plural: resource.name,
      namespaced: resource.namespaced,
    }));
}
