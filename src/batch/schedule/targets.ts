import type { NodeAccess } from '../../cluster/node-access/node-access.js';
import type { Cluster } from '../../cluster/cluster.js';
import { FaultLog } from '../../cluster/faults/fault-log.js';
import type { Transport } from '../../cluster/connect/transport.js';
import { WatchCache, type WatchCacheStats } from '../../cluster/watch/watch-cache.js';
import type { LoadedLab } from '../../catalogue/load-lab.js';
import { installAdmissionPolicy } from '../../runner/install-admission.js';
import type { GradeTarget } from '../grade-class.js';

export type NodeAccessResolver = (
  cluster: Cluster,
  lab: LoadedLab,
) => Promise<{ node: NodeAccess | undefined; nodeAccessProblem: string | undefined }>;

/**
 * One GradeTarget per context (`--contexts a,b`; none: the kubeconfig's current or --context),
 * each proven reachable with one call (ClusterUnreachableError naming it otherwise) and given
 * kubelab's admission policy (AdmissionPolicyError when it cannot be installed). Node access is
 * resolved once per (context, lab) and shared by that lab's submissions. The checks' waits share
 * one watch per kind per context (src/cluster/watch/watch-cache.ts); closeTargets stops them.
 */
export async function connectTargets(options: {
  readonly contexts: readonly (string | undefined)[];
  readonly kubeconfig: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly nodeAccess: NodeAccessResolver;
  readonly signal: AbortSignal;
}): Promise<GradeTarget[]> {
  // Loaded on first use: the Kubernetes client is the heaviest import, and commands that never
  // reach a cluster (--help, list, validate, completion) must not pay for it.
  const { connect } = await import('../../cluster/connect/connect.js');
  const { Impersonator } = await import('../isolation/impersonate.js');
  const targets: GradeTarget[] = [];
  const opened: Map<string, ReturnType<NodeAccessResolver>>[] = [];
  const caches: WatchCache[] = [];
  openedAccess.set(targets, { access: opened, caches });
  for (const context of options.contexts) {
    // One fault log per context: the grader's and the impersonated student's requests count alike.
    const faults = new FaultLog();
    const kubeconfig = { kubeconfig: options.kubeconfig, context, env: options.env, faults };
    const cluster = connect(kubeconfig).withWaitSources((rest) => {
      const cache = new WatchCache(rest);
      caches.push(cache);
      return cache;
    });
    const info = await cluster.serverInfo(options.signal);
    // The cluster-side half of isolation, before any submission is applied (install-admission.ts).
    await installAdmissionPolicy(cluster, options.signal);
    const impersonator = new Impersonator(kubeconfig);
    const access = new Map<string, ReturnType<NodeAccessResolver>>();
    opened.push(access);
    targets.push({
      cluster,
      as: (user) => impersonator.as(user),
      serverVersion: info.gitVersion,
      faults,
      ready: (signal) => apiServerReady(cluster.transport, signal),
      nodeAccess: (lab) => {
        const cached = access.get(lab.lab.id) ?? options.nodeAccess(cluster, lab);
        access.set(lab.lab.id, cached);
        return cached;
      },
    });
  }
  return targets;
}

/** A ready probe answers within this (the API server's own /readyz checks take milliseconds). */
const READY_PROBE_TIMEOUT_MS = 10_000;

/** Resolves when the API server says it is ready (`/readyz` 200), rejects otherwise. */
async function apiServerReady(transport: Transport, signal: AbortSignal): Promise<void> {
  const response = await transport.request({
    method: 'GET',
    path: '/readyz',
    signal,
    timeoutMs: READY_PROBE_TIMEOUT_MS,
  });
  if (response.status !== 200)
    throw new Error(`GET /readyz answered ${response.status}: ${response.body.slice(0, 200)}`);
}

/** The node accesses and watch caches each connectTargets call opened, by the array it returned. */
const openedAccess = new WeakMap<
  readonly GradeTarget[],
  {
    readonly access: readonly Map<string, ReturnType<NodeAccessResolver>>[];
    readonly caches: readonly WatchCache[];
  }
>();

/** How the targets' waits went: shared streams, and waits served by them or on their own. */
export function watchStats(targets: readonly GradeTarget[]): WatchCacheStats {
  const all = (openedAccess.get(targets)?.caches ?? []).map((cache) => cache.stats());
  return {
    streams: [...new Set(all.flatMap((s) => s.streams))].sort(),
    shared: all.reduce((sum, s) => sum + s.shared, 0),
    direct: all.reduce((sum, s) => sum + s.direct, 0),
  };
}

/**
 * Stops the shared watches and closes every node access `targets` resolved (the pod adapter's
 * privileged pod in `kubelab-node-access`), each bounded by `timeoutMs`; never throws, so it fits
 * in a finally.
 */
export async function closeTargets(
  targets: readonly GradeTarget[],
  timeoutMs = 60_000,
): Promise<void> {
  const opened = openedAccess.get(targets);
  for (const cache of opened?.caches ?? []) cache.close();
  const resolved = (opened?.access ?? []).flatMap((access) => [...access.values()]);
  await Promise.allSettled(
    resolved.map(async (pending) => {
      const { node } = await pending;
      await node?.close?.(AbortSignal.timeout(timeoutMs));
    }),
  );
}
