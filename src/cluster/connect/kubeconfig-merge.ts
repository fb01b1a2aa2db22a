import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { KubeconfigError } from '../errors.js';

/** Which file each cluster, user and context came from, by name (for messages). */
export interface KubeconfigOrigins {
  readonly clusters: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
  readonly contexts: ReadonlyMap<string, string>;
}

export interface MergedKubeconfig {
  readonly kc: KubeConfig;
  readonly origins: KubeconfigOrigins;
}

/**
 * Reads kubeconfig files and merges them as kubectl does (client-go's ClientConfigLoadingRules.Load):
 * the first file to set a cluster, user or context name wins and a later file's entry of that name is
 * dropped whole (client-node's `mergeConfig` throws `Duplicate user` instead); the first file that
 * sets current-context wins. Relative CA/cert/key paths resolve against the file that holds them.
 * An empty file adds nothing. A name listed twice in one file is an error, as in kubectl.
 */
export function mergeKubeconfigFiles(files: readonly string[]): MergedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  const origins = {
    clusters: new Map<string, string>(),
    users: new Map<string, string>(),
    contexts: new Map<string, string>(),
  };
  let currentContext = '';
  for (const file of files) {
    const one = readOne(file);
    if (one === undefined) continue;
    firstWins({ into: clusters, origins: origins.clusters, entries: one.clusters, file });
    firstWins({ into: users, origins: origins.users, entries: one.users, file });
    firstWins({ into: contexts, origins: origins.contexts, entries: one.contexts, file });
    if (currentContext === '') currentContext = one.currentContext ?? '';
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return { kc, origins };
}

/** One file as client-node parses it, paths made absolute; undefined when the file is empty. */
function readOne(file: string): KubeConfig | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') return undefined;
    const kc = new KubeConfig();
    kc.loadFromString(text);
    kc.makePathsAbsolute(dirname(file));
    for (const [what, entries] of [
      ['cluster', kc.clusters],
      ['user', kc.users],
      ['context', kc.contexts],
    ] as const) {
      const seen = new Set<string>();
      for (const entry of entries) {
        if (seen.has(entry.name)) throw new Error(`${what} "${entry.name}" is listed twice`);
        seen.add(entry.name);
      }
    }
    return kc;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KubeconfigError(
      `kubeconfig ${file} could not be read: ${reason}. Check the file with \`kubectl config view --kubeconfig ${file}\`.`,
      { file, contexts: [] },
      { cause },
    );
  }
}

function firstWins<T extends { readonly name: string }>(options: {
  readonly into: Map<string, T>;
  readonly origins: Map<string, string>;
  readonly entries: readonly T[];
  readonly file: string;
}): void {
  for (const entry of options.entries) {
    if (options.into.has(entry.name)) continue;
    options.into.set(entry.name, entry);
    options.origins.set(entry.name, options.file);
  }
}
