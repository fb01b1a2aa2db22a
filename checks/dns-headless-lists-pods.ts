import { z } from 'zod';
import { defineCheck, type KubeObject } from '../src/check-api/index.js';
import { sameAddresses } from './lib/network/dns-answer.js';
import { lookup, lookupUntil, waitForServedPods, withDnsProbe } from './lib/network/dns-probe.js';
import { remainingBudget } from './lib/wait.js';
import { POD_REF, isPodReady, type Pod } from './lib/pods/pod-state.js';
import { getStatefulSet, missingStatefulSet } from './lib/workloads/statefulset.js';
import { selectorString } from './lib/workloads/workload.js';

/** Pods Ready and listed, probe pod start, and up to one DNS TTL for a fresh answer: 90 s. */
const DEFAULT_TIMEOUT_MS = 90_000;

interface Service extends KubeObject {
  spec?: { clusterIP?: string };
}

export default defineCheck({
  kind: 'dns-headless-lists-pods',
  description:
    "From a probe pod, the headless Service's name resolves to the IP of every Ready pod (no virtual IP), while a normal ClusterIP Service's name resolves to its one virtual IP.",
  params: z.strictObject({
    service: z.string().min(1),
    statefulSet: z.string().min(1),
    /** The normal Service the lab also asks for, for contrast. */
    clusterIPService: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const ns = ctx.scope.namespace;
    const sts = await getStatefulSet(ctx, params.statefulSet);
    if (sts === undefined)
      return { status: 'failed', message: missingStatefulSet(ctx, params.statefulSet) };
    const startedAt = Date.now();
    const names = Array.from(
      { length: sts.spec?.replicas ?? 1 },
      (_, k) => `${params.statefulSet}-${k}`,
    );
    await waitForServedPods(ctx, {
      service: params.service,
      pods: names,
      timeoutMs: remainingBudget(ctx, startedAt) / 2,
    });
    const [pods, headless, normal] = await Promise.all([
      ctx.cluster.list<Pod & { status?: { podIP?: string } }>(
        { ...POD_REF, namespace: ns, labelSelector: selectorString(sts.spec?.selector) },
        ctx.signal,
      ),
      ctx.cluster.get<Service>(
        { apiVersion: 'v1', kind: 'Service', namespace: ns, name: params.service },
        ctx.signal,
      ),
      ctx.cluster.get<Service>(
        { apiVersion: 'v1', kind: 'Service', namespace: ns, name: params.clusterIPService },
        ctx.signal,
      ),
    ]);
    const missing = [headless ? '' : params.service, normal ? '' : params.clusterIPService].filter(
      (n) => n !== '',
    );
    if (missing.length > 0)
      return {
        status: 'failed',
        message: `Service ${missing.join(' and ')} not found in namespace ${ns}`,
      };
    const podIps = pods
      .filter(isPodReady)
      .map((p) => p.status?.podIP ?? '')
      .filter((ip) => ip !== '')
      .sort();
    const vip = normal?.spec?.clusterIP ?? '';
    // A pod that just turned Ready may be missing from an answer cached for up to the DNS TTL;
    // a Service with a virtual IP will never answer with the pods, so it is asked once.
    const isHeadless = headless?.spec?.clusterIP === 'None';
    const [h, n] = await withDnsProbe(ctx, async (probe) => [
      (
        await lookupUntil(ctx, {
          probe,
          name: params.service,
          expected: podIps,
          budgetMs: isHeadless ? remainingBudget(ctx, startedAt) : 0,
        })
      ).lookup,
      await lookup(ctx, probe, params.clusterIPService),
    ]);
    const problems: string[] = [];
    if (headless?.spec?.clusterIP !== 'None') {
      problems.push(
        `Service ${params.service} has clusterIP ${headless?.spec?.clusterIP ?? '?'}: it is not headless, so its name is one virtual IP`,
      );
    }
    if (!sameAddresses(h.addresses, podIps)) {
      problems.push(
        `${params.service} resolves to ${h.said}, expected every Ready pod's IP (${podIps.join(', ') || 'none Ready'})`,
      );
    }
    if (vip === 'None' || vip === '') {
      problems.push(
        `Service ${params.clusterIPService} is headless too; the lab asks for a normal ClusterIP Service to compare with`,
      );
    } else if (!sameAddresses(n.addresses, [vip])) {
      problems.push(
        `${params.clusterIPService} resolves to ${n.said}, expected its ClusterIP ${vip}`,
      );
    }
    const observed = `${params.service} → ${h.said}\n${params.clusterIPService} → ${n.said}`;
    if (problems.length === 0) {
      return {
        status: 'passed',
        message: `${params.service} resolves to the ${podIps.length} pod IPs (${podIps.join(', ')}); ${params.clusterIPService} to its virtual IP ${vip}`,
        evidence: { observed },
      };
    }
    return {
      status: 'failed',
      message: problems.join('; '),
      evidence: {
        expected: `${params.service} → ${podIps.join(', ')}; ${params.clusterIPService} → one ClusterIP`,
        observed,
      },
    };
  },
});
