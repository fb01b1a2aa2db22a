import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CheckKind } from '../model/check-kind.js';

/**
 * The check kinds: every checks/<kind>.ts (or .js once compiled) default-exports one CheckKind.
 * index, lib/ and declaration files are skipped. Resolved next to this file, so it works from src/
 * (tsx) and from dist/src/ (compiled: dist/checks) alike.
 *
 * Written by engineer D so lab loading could validate params; engineer E owns this file.
 */
export const CHECKS_DIR = fileURLToPath(new URL('../../checks/', import.meta.url));

/** A checks/ file whose default export is not a CheckKind, or two files claiming one kind. */
export class CheckRegistryError extends Error {
  override readonly name = 'CheckRegistryError';
}

const isCheckKind = (value: unknown): value is CheckKind =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CheckKind).kind === 'string' &&
  typeof (value as CheckKind).run === 'function' &&
  typeof (value as CheckKind).params?.safeParse === 'function';

let cached: Promise<Map<string, CheckKind>> | undefined;

/** Every check kind by its `kind` id, sorted by id. Loaded once per process. */
export function loadCheckKinds(): Promise<Map<string, CheckKind>> {
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
    const module = (await import(pathToFileURL(join(dir, name)).href)) as { default?: unknown };
    if (!isCheckKind(module.default)) {
      throw new CheckRegistryError(
        `checks/${name} does not default-export a check kind; expected \`export default defineCheck({ kind, params, run, … })\``,
      );
    }
    const kind = module.default;
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
