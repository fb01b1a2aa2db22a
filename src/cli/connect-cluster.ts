import type { Cluster, ServerInfo } from '../cluster/cluster.js';
import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';

export interface Connected {
  readonly cluster: Cluster;
  readonly info: ServerInfo;
}

/**
 * The cluster of --kubeconfig/--context, after one call that proves it answers: KubeconfigError or
 * ClusterUnreachableError (context and server named) here, not halfway through a run.
 */
export async function connectCluster(
  globals: GlobalOptions,
  ctx: { readonly io: CliIo; readonly signal: AbortSignal },
): Promise<Connected> {
  // Loaded on first use: the Kubernetes client is the heaviest import, and --help, --version,
  // completion, list and validate never need it.
  const { connect } = await import('../cluster/connect/connect.js');
  const cluster = connect({
    kubeconfig: globals.kubeconfig,
    context: globals.context,
    env: ctx.io.env,
  });
  const info = await cluster.serverInfo(ctx.signal);
  return { cluster, info };
}
