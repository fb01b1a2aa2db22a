/** Pure helpers mapping apiVersion/kind/namespace/name to REST paths. */

export interface GroupVersion {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
}

/** What discovery says about one kind. */
export interface ResourceInfo extends GroupVersion {
  readonly kind: string;
  /** Lowercase plural used in the URL: `pods`, `statefulsets`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** `apps/v1` → {group: apps, version: v1}; `v1` → core. */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const parts = apiVersion.split('/');
  if (parts.length === 1 && parts[0] !== '') return { group: '', version: parts[0] as string };
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') {
    return { group: parts[0] as string, version: parts[1] as string };
  }
  throw new Error(`apiVersion "${apiVersion}" is not of the form "v1" or "<group>/<version>"`);
}

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(gv: GroupVersion): string {
  return gv.group === '' ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
}

/** Collection or object path; `namespace` is ignored for cluster-scoped resources. */
export function resourcePath(
  info: ResourceInfo,
  options: { namespace?: string; name?: string } = {},
): string {
  let path = groupVersionPath(info);
  if (info.namespaced && options.namespace !== undefined && options.namespace !== '') {
    path += `/namespaces/${encodeSegment(options.namespace)}`;
  }
  path += `/${info.plural}`;
  if (options.name !== undefined) path += `/${encodeSegment(options.name)}`;
  return path;
}

/** Encodes one path segment; refuses segments that would change the path's shape. */
export function encodeSegment(segment: string): string {
  if (segment === '' || segment === '.' || segment === '..' || segment.includes('/')) {
    throw new Error(
      `"${segment}" is not a valid object name or namespace (expected a DNS name without "/")`,
    );
  }
  return encodeURIComponent(segment);
}
