import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { sameAddresses } from './lib/network/dns-answer.js';
import { lookup, waitForServedPods, withDnsProbe } from './lib/network/dns-probe.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { remainingBudget } from './lib/wait.js';

/** Probe pod start plus two lookups: one minute. */
const DEFAULT_TIMEOUT_MS = 60_000;

interface PodWithIp {
  status?: { podIP?: string };
}

export default defineCheck({
  kind: 'dns-pod-record',
  description:
    "From a probe pod, <set>-<ordinal>.<service> and its full name <set>-<ordinal>.<service>.<namespace>.svc.<domain> resolve to that pod's own IP (stable per-pod DNS through the headless Service).",
  params: z.strictObject({
    statefulSet: z.string().min(1),
    service: z.string().min(1),
    ordinal: z.number().int().min(0).default(0),
    clusterDomain: z.string().min(1).default('cluster.local'),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const pod = `${params.statefulSet}-${params.ordinal}`;
    const ready = await waitForPod(ctx, {
      name: pod,
      timeoutMs: remainingBudget(ctx, startedAt) / 2,
    });
    if (!ready.met)
      return { status: 'failed', message: `pod ${pod} is not Ready: ${ready.errors.join('; ')}` };
    const ip = (ready.value as PodWithIp).status?.podIP ?? '';
    await waitForServedPods(ctx, {
      service: params.service,
      pods: [pod],
      timeoutMs: remainingBudget(ctx, startedAt) / 2,
    });
    const names = [
      `${pod}.${params.service}`,
      `${pod}.${params.service}.${ctx.scope.namespace}.svc.${params.clusterDomain}`,
    ];
    const answers = await withDnsProbe(ctx, async (probe) =>
      Promise.all(names.map((n) => lookup(ctx, probe, n))),
    );
    const wrong = answers.filter((a) => !sameAddresses(a.addresses, [ip]));
    if (wrong.length === 0) {
      return { status: 'passed', message: `${names.join(' and ')} resolve to ${pod}'s IP ${ip}` };
    }
    return {
      status: 'failed',
      message:
        `${wrong.map((a) => `${a.name} → ${a.said}`).join('; ')}; expected ${pod}'s IP ${ip}. ` +
        `Per-pod names exist only when the StatefulSet's serviceName is a headless Service (clusterIP: None) that selects the pod`,
      evidence: {
        expected: `${names.join(', ')} → ${ip}`,
        observed: answers.map((a) => `${a.name} → ${a.said}`).join('\n'),
      },
    };
  },
});
