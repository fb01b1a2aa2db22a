import { KubeConfig } from '@kubernetes/client-node';
import { ClusterClient } from '../../cluster/connect/client.js';
import type { FaultLog } from '../../cluster/faults/fault-log.js';
import { loadKubeconfig, type KubeconfigOptions } from '../../cluster/connect/kubeconfig.js';
import { Transport } from '../../cluster/connect/transport.js';

/**
 * Builds Clusters that act as another identity (`Impersonate-User`), from one loaded kubeconfig:
 * the grader's own credentials, plus the impersonation header, so the API server authorises every
 * request as that identity (a student's ServiceAccount) and refuses what its Role does not allow.
 * The grader's identity needs the `impersonate` verb (cluster-admin has it).
 */
export class Impersonator {
  private readonly loaded: ReturnType<typeof loadKubeconfig>;
  private readonly faults: FaultLog | undefined;

  /** `faults`: where every impersonated connection counts cluster faults (the grader's own log). */
  constructor(options: KubeconfigOptions & { readonly faults?: FaultLog }) {
    this.loaded = loadKubeconfig(options);
    this.faults = options.faults;
  }

  get context(): string {
    return this.loaded.context;
  }

  as(user: string): ClusterClient {
    const { kc, context, server } = this.loaded;
    const current = kc.getCurrentUser();
    const copy = new KubeConfig();
    copy.loadFromOptions({
      clusters: kc.clusters,
      contexts: kc.contexts,
      currentContext: context,
      users: kc.users.map((u) => (u.name === current?.name ? { ...u, impersonateUser: user } : u)),
    });
    return new ClusterClient(new Transport(copy, context, server, { faults: this.faults }));
  }
}
