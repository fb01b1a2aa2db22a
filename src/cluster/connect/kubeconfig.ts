import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from '../errors.js';
import { checkCredentialFiles } from './kubeconfig-credentials.js';
import { mergeKubeconfigFiles } from './kubeconfig-merge.js';

export interface KubeconfigOptions {
  /** Path given with --kubeconfig. Default: $KUBECONFIG (':'-separated, merged), then ~/.kube/config. */
  readonly kubeconfig?: string;
  /** Context given with --context. Default: the file's current-context. */
  readonly context?: string;
  /** Environment to read KUBECONFIG and HOME from. Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface LoadedKubeconfig {
  readonly kc: KubeConfig;
  readonly context: string;
  readonly server: string;
  /** The file(s) it came from, for messages. */
  readonly files: readonly string[];
}

/** The kubeconfig files to read, in kubectl's order. Never silently falls back to localhost:8080. */
export function kubeconfigFiles(options: KubeconfigOptions): string[] {
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') return [options.kubeconfig];
  const env = options.env ?? process.env;
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter((file) => file !== '');
  if (fromEnv.length > 0) return fromEnv;
  return [join(env['HOME'] ?? homedir(), '.kube', 'config')];
}

/**
 * Loads the kubeconfig as kubectl does (files merged first-wins: see kubeconfig-merge.ts; missing
 * files in $KUBECONFIG skipped), selects the context and checks its credential files; throws
 * KubeconfigError saying what to try.
 */
export function loadKubeconfig(options: KubeconfigOptions = {}): LoadedKubeconfig {
  const files = kubeconfigFiles(options);
  const present = files.filter((file) => existsSync(file));
  const fileList = files.join(', ');
  if (present.length === 0) {
    throw new KubeconfigError(
      `no kubeconfig found: expected a file at ${fileList}. Start a cluster (e.g. \`minikube start\`), ` +
        `or pass --kubeconfig <file> / set KUBECONFIG.`,
      { file: fileList, contexts: [] },
    );
  }
  const { kc, origins } = mergeKubeconfigFiles(present);
  const contexts = kc.getContexts().map((context) => context.name);
  const sorted = [...contexts].sort();
  const where = present.join(', ');
  const known =
    sorted.length === 0 ? 'it defines no contexts' : `known contexts: ${sorted.join(', ')}`;
  const wanted =
    options.context !== undefined && options.context !== ''
      ? options.context
      : kc.getCurrentContext();
  if (wanted === undefined || wanted === null || wanted === '') {
    throw new KubeconfigError(
      `kubeconfig ${where} has no current-context and no --context was given (${known}). ` +
        `Pass --context <name> or run \`kubectl config use-context <name>\`.`,
      { file: where, contexts: sorted },
    );
  }
  if (!contexts.includes(wanted)) {
    throw new KubeconfigError(
      `context "${wanted}" not found in kubeconfig ${where} (${known}). Pass --context with one of them.`,
      { file: where, contexts: sorted },
    );
  }
  kc.setCurrentContext(wanted);
  const cluster = kc.getCurrentCluster();
  if (cluster === null || cluster.server === undefined || cluster.server === '') {
    const clusterName = kc.getContextObject(wanted)?.cluster ?? '?';
    throw new KubeconfigError(
      `context "${wanted}" in kubeconfig ${where} names cluster "${clusterName}", which has no server URL. ` +
        `Fix the kubeconfig or pick another context (${known}).`,
      { file: where, contexts: sorted },
    );
  }
  checkCredentialFiles({ kc, context: wanted, origins });
  return { kc, context: wanted, server: cluster.server.replace(/\/+$/, ''), files: present };
}
