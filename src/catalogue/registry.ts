import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CheckKind } from '../check-api/check-kind.js';

/**
 * The check kinds: every checks/<kind>.ts (or .js once compiled) default-exports one CheckKind.
 * index, lib/ and declaration files are skipped. Resolved next to this file, so it works from src/
 * (tsx) and from dist/src/ (compiled: dist/checks) alike.
 *
 */
export const CHECKS_DIR = fileURLToPath(new URL('../../checks/', import.meta.url));

/** A checks/ file whose default export is not a CheckKind, or two files claiming one kind. */
export class CheckRegistryError extends Error {
  override readonly name = 'CheckRegistryError';
}

/** What is wrong with a default export that should be a CheckKind; empty when it is one. */
export function checkKindProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['no default export object'];
  const kind = value as Partial<Record<keyof CheckKind, unknown>>;
  const problems: string[] = [];
  if (typeof kind.kind !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(kind.kind)) {
    problems.push('`kind` must be a lowercase id like "workload-ready"');
  }
  if (typeof kind.description !== 'string' || kind.description === '') {
    problems.push('`description` must be a sentence');
  }
  const params = kind.params as { safeParse?: unknown } | undefined;
  if (typeof params?.safeParse !== 'function') problems.push('`params` must be a zod schema');
  if (typeof kind.defaultTimeoutMs !== 'number' || !(kind.defaultTimeoutMs > 0)) {
    problems.push('`defaultTimeoutMs` must be a positive number of milliseconds');
  }
  if (kind.needsNodeAccess !== undefined && typeof kind.needsNodeAccess !== 'boolean') {
    problems.push('`needsNodeAccess` must be a boolean when present');
  }
  if (
    kind.exclusive !== undefined &&
    (typeof kind.exclusive !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(kind.exclusive))
  ) {
    problems.push('`exclusive` must be a lowercase lock name like "node-memory" when present');
  }
  if (typeof kind.run !== 'function') problems.push('`run` must be a function');
  return problems;
}

let cached: Promise<Map<string, CheckKind>> | undefined;

/**
 * Every check kind by its `kind` id, sorted by id. The shipped checks/ folder is loaded once per
 * process; another `dir` (tests, a lab author's own kinds) is read each time.
 */
export function loadCheckKinds(dir?: string): Promise<Map<string, CheckKind>> {
  if (dir !== undefined && dir !== CHECKS_DIR) return discover(dir);
  cached ??= discover(CHECKS_DIR);
  return cached;
}

async function discover(dir: string): Promise<Map<string, CheckKind>> {
  const ownExt = extname(fileURLToPath(import.meta.url)) === '.ts' ? '.ts' : '.js';
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && extname(e.name) === ownExt && !e.name.endsWith('.d.ts'))
    .map((e) => e.name)
    .filter((name) => name.slice(0, -ownExt.length) !== 'index')
    .sort();
  const kinds = new Map<string, CheckKind>();
  const sources = new Map<string, string>();
  for (const name of files) {
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(join(dir, name)).href)) as { default?: unknown };
    } catch (error) {
      throw new CheckRegistryError(
        `checks/${name} could not be loaded: ${error instanceof Error ? error.message : String(error)}; fix the file or remove it`,
        { cause: error },
      );
    }
    const problems = checkKindProblems(module.default);
    if (problems.length > 0) {
      throw new CheckRegistryError(
        `checks/${name} does not default-export a valid check kind (${problems.join('; ')}); expected \`export default defineCheck({ kind, description, params, defaultTimeoutMs, run })\``,
      );
    }
    const kind = module.default as CheckKind;
    const earlier = sources.get(kind.kind);
    if (earlier !== undefined) {
      throw new CheckRegistryError(
        `checks/${name} and checks/${earlier} both define kind "${kind.kind}"; expected one file per kind`,
      );
    }
    sources.set(kind.kind, name);
    kinds.set(kind.kind, kind);
  }
  return new Map([...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
