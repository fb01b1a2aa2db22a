import { ClusterClient } from './client.js';
import type { FaultLog } from '../faults/fault-log.js';
import { loadKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
import { Transport } from './transport.js';

export interface ConnectOptions extends KubeconfigOptions {
  /** Where the connection counts cluster faults (see fault-log.ts). Default: a log of its own. */
  readonly faults?: FaultLog;
}

/**
 * A Cluster for the kubeconfig context (default: the current context). Loads the kubeconfig
 * (KubeconfigError when there is none, or the context is unknown) but does not call the server:
 * call `serverInfo()` to fail early with ClusterUnreachableError when nothing answers.
 */
export function connect(options: ConnectOptions = {}): ClusterClient {
  const { kc, context, server } = loadKubeconfig(options);
  return new ClusterClient(new Transport(kc, context, server, { faults: options.faults }));
}
