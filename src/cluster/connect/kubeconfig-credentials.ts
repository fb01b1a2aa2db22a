import { statSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from '../errors.js';
import type { KubeconfigOrigins } from './kubeconfig-merge.js';

/** A file a context's cluster or user points at, and the kubeconfig key that names it. */
interface CredentialFile {
  readonly key: 'certificate-authority' | 'client-certificate' | 'client-key';
  readonly path: string;
  /** `cluster "minikube"` or `user "minikube"`. */
  readonly owner: string;
  /** The kubeconfig file that defines the owner. */
  readonly definedIn: string;
}

/**
 * Fails with KubeconfigError naming the context and the file when the context's CA, client
 * certificate or client key file is missing or not a file. Without this, the first request fails
 * with a bare `ENOENT: no such file or directory, open '…/ca.crt'` that names neither.
 */
export function checkCredentialFiles(options: {
  readonly kc: KubeConfig;
  readonly context: string;
  readonly origins: KubeconfigOrigins;
}): void {
  const { kc, context, origins } = options;
  const ctx = kc.getContextObject(context);
  if (ctx === null) return;
  const files: CredentialFile[] = [];
  const cluster = kc.getCluster(ctx.cluster);
  const clusterOrigin = origins.clusters.get(ctx.cluster) ?? '?';
  if (cluster?.caFile !== undefined && cluster.caFile !== '') {
    files.push({
      key: 'certificate-authority',
      path: cluster.caFile,
      owner: `cluster "${ctx.cluster}"`,
      definedIn: clusterOrigin,
    });
  }
  const user = kc.getUser(ctx.user);
  const userOrigin = origins.users.get(ctx.user) ?? '?';
  for (const [key, path] of [
    ['client-certificate', user?.certFile],
    ['client-key', user?.keyFile],
  ] as const) {
    if (path !== undefined && path !== '')
      files.push({ key, path, owner: `user "${ctx.user}"`, definedIn: userOrigin });
  }
  for (const file of files) {
    const problem = fileProblem(file.path);
    if (problem === undefined) continue;
    throw new KubeconfigError(
      `context "${context}": ${file.key} file ${file.path} ${problem} (${file.owner} in kubeconfig ${file.definedIn}). ` +
        `Expected a readable file there: fix the path in the kubeconfig, or let the cluster tool rewrite it ` +
        `(\`minikube update-context\`, \`kind export kubeconfig\`).`,
      {
        file: file.definedIn,
        contexts: [],
        tryLine: `kubectl config view --minify --context ${context}`,
      },
    );
  }
}

/** Why the path cannot serve as a credential file, or undefined when it can. */
function fileProblem(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? undefined : 'is not a file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'does not exist'
      : `cannot be read (${code ?? String(error)})`;
  }
}
