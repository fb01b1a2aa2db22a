import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from './cluster.js';
import { isRecord } from './errors.js';

/** Manifest texts larger than this are refused (a lab's manifests are a few kilobytes). */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;

/** One YAML document of a manifest text: a Kubernetes object, or why it is not one. */
export type ParsedManifest =
  | { readonly ok: true; readonly object: KubeObject; readonly source: string }
  | { readonly ok: false; readonly error: string; readonly source: string };

/**
 * Parses every document of a multi-document YAML text the way kubectl does (YAML 1.1: `0644` is
 * octal, `yes` is a boolean), keeping each object exactly as written. `source` names the file;
 * each result's `source` is `file:line` (or `file:line:column` in errors). Empty documents are
 * skipped; `kind: List` is expanded into its items.
 */
export function parseManifests(text: string, source: string): ParsedManifest[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
    return [
      {
        ok: false,
        source,
        error: `${source}: larger than ${MAX_MANIFEST_BYTES} bytes; expected a manifest file`,
      },
    ];
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, version: '1.1', prettyErrors: false });
  const docs = Array.isArray(documents) ? documents : [];
  const results: ParsedManifest[] = [];
  for (const doc of docs) {
    const start = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]);
    const at = `${source}:${start.line}`;
    const problem = doc.errors[0];
    if (problem !== undefined) {
      const pos = lineCounter.linePos(problem.pos[0]);
      const message = problem.message.split('\n')[0] ?? problem.message;
      results.push({
        ok: false,
        source: at,
        error: `${source}:${pos.line}:${pos.col}: invalid YAML: ${message}`,
      });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ ok: false, source: at, error: `${at}: invalid YAML: ${message}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    for (const item of expandList(value)) results.push(checkObject(item, at));
  }
  return results;
}

function expandList(value: unknown): unknown[] {
  if (isRecord(value) && value['kind'] === 'List' && Array.isArray(value['items']))
    return value['items'];
  return [value];
}

/** The minimum an object needs before it can be sent: apiVersion, kind, metadata.name (or generateName). */
export function checkObject(value: unknown, source: string): ParsedManifest {
  if (!isRecord(value)) {
    return {
      ok: false,
      source,
      error: `${source}: expected a Kubernetes object (a mapping), got ${describe(value)}`,
    };
  }
  const missing: string[] = [];
  if (typeof value['apiVersion'] !== 'string' || value['apiVersion'] === '')
    missing.push('apiVersion');
  if (typeof value['kind'] !== 'string' || value['kind'] === '') missing.push('kind');
  const metadata = value['metadata'];
  const hasName =
    isRecord(metadata) &&
    ((typeof metadata['name'] === 'string' && metadata['name'] !== '') ||
      typeof metadata['generateName'] === 'string');
  if (!hasName) missing.push('metadata.name');
  if (missing.length > 0) {
    return {
      ok: false,
      source,
      error: `${source}: ${missing.join(', ')} missing; every object needs apiVersion, kind and metadata.name`,
    };
  }
  return { ok: true, source, object: value as KubeObject };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string'
    ? `the string ${JSON.stringify(value.slice(0, 40))}`
    : String(value);
}
