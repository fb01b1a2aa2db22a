import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { lookup, waitForServedPods, withDnsProbe } from './lib/network/dns-probe.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { remainingBudget } from './lib/wait.js';
import { describeExec, execIn } from './lib/pods/exec.js';

/** Probe pod start plus one HTTP request: one minute. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** One HTTP GET to a pod in the same cluster answers in well under a second; 10 s allows a cold start. */
const HTTP_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'dns-pod-http',
  description:
    'From a probe pod, an HTTP GET to http://<set>-<ordinal>.<service>:<port><path> answers (the per-pod DNS name reaches that very pod).',
  params: z.strictObject({
    statefulSet: z.string().min(1),
    service: z.string().min(1),
    ordinal: z.number().int().min(0).default(1),
    port: z.number().int().min(1).max(65535).default(80),
    path: z.string().startsWith('/').default('/'),
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
    await waitForServedPods(ctx, {
      service: params.service,
      pods: [pod],
      timeoutMs: remainingBudget(ctx, startedAt) / 2,
    });
    const host = `${params.statefulSet}-${params.ordinal}.${params.service}`;
    const url = `http://${host}:${params.port}${params.path}`;
    // busybox's static wget cannot resolve names itself (no NSS in the image): the grader resolves
    // the name like the pod's resolver would, then connects to that address with the Host header.
    const { answer, result } = await withDnsProbe(ctx, async (probe) => {
      const answer = await lookup(ctx, probe, host);
      const address = answer.addresses.find((a) => !a.includes(':'));
      if (address === undefined) return { answer, result: undefined };
      const target = `http://${address}:${params.port}${params.path}`;
      const result = await execIn(ctx, {
        pod: probe.pod,
        command: ['wget', '-q', '-O', '-', '--header', `Host: ${host}`, target],
        timeoutMs: HTTP_TIMEOUT_MS,
      });
      return { answer, result };
    });
    if (result === undefined) {
      return {
        status: 'failed',
        message: `${host} does not resolve from a pod in the namespace (${answer.said}), so ${url} cannot answer: ${params.service} must be the headless Service named in ${params.statefulSet}'s serviceName`,
        evidence: {
          expected: `${host} → the IP of ${params.statefulSet}-${params.ordinal}`,
          observed: answer.said,
        },
      };
    }
    if (result.exitCode === 0) {
      return {
        status: 'passed',
        message: `${url} answered (${result.stdout.length} bytes from ${answer.said})`,
      };
    }
    return {
      status: 'failed',
      message: `${url} did not answer from a pod in the namespace (${describeExec(result)}): check that ${params.statefulSet}-${params.ordinal} is Ready, listens on ${params.port}, and that ${params.service} is its headless Service`,
      evidence: { expected: `HTTP 200 from ${url}`, observed: describeExec(result) },
    };
  },
});
