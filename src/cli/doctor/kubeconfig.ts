import type { ServerInfo } from '../../cluster/cluster.js';
import type { Cluster } from '../../cluster/cluster.js';
import { explainError } from '../explain-error.js';
import type { DoctorVerdict } from './item.js';
import { notOk, ok } from './item.js';

export interface KubeconfigProbe {
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/** The first two doctor items: the kubeconfig names a context, and its server answers. */
export async function probeCluster(
  probe: KubeconfigProbe,
  signal: AbortSignal,
): Promise<{
  kubeconfig: DoctorVerdict;
  reachable: DoctorVerdict | undefined;
  cluster?: Cluster;
  info?: ServerInfo;
}> {
  const { loadKubeconfig } = await import('../../cluster/connect/kubeconfig.js');
  const { connect } = await import('../../cluster/connect/connect.js');
  let loaded;
  try {
    loaded = loadKubeconfig({
      kubeconfig: probe.kubeconfig,
      context: probe.context,
      env: probe.env,
    });
  } catch (error) {
    const explained = explainError(error);
    return {
      kubeconfig: notOk(explained.message, explained.tryLine ?? '--kubeconfig <file>'),
      reachable: undefined,
    };
  }
  const kubeconfig = ok(`context ${loaded.context} in ${loaded.files.join(', ')}`);
  const cluster = connect({
    kubeconfig: probe.kubeconfig,
    context: loaded.context,
    env: probe.env,
  });
  try {
    const info = await cluster.serverInfo(signal);
    return {
      kubeconfig,
      reachable: ok(`${info.server}, Kubernetes ${info.gitVersion}`),
      cluster,
      info,
    };
  } catch (error) {
    const explained = explainError(error);
    return {
      kubeconfig,
      reachable: notOk(explained.message, explained.tryLine ?? 'kubectl get nodes'),
    };
  }
}
