import { z } from 'zod';
import { defineCheck } from '../src/model/check-kind.js';
import { withDnsProbe } from './lib/dns-probe.js';
import { describeExec, execIn } from './lib/exec.js';

/** Probe pod start plus one HTTP request: one minute. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** One HTTP GET to a pod in the same cluster answers in well under a second; 5 s allows a cold start. */
const HTTP_TIMEOUT_S = 5;

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
    const host = `${params.statefulSet}-${params.ordinal}.${params.service}`;
    const url = `http://${host}:${params.port}${params.path}`;
    const result = await withDnsProbe(ctx, (probe) =>
      execIn(ctx, {
        pod: probe,
        command: ['wget', '-q', '-O', '-', '-T', String(HTTP_TIMEOUT_S), url],
      }),
    );
    if (result.exitCode === 0) {
      return { status: 'passed', message: `${url} answered (${result.stdout.length} bytes)` };
    }
    return {
      status: 'failed',
      message: `${url} did not answer from a pod in the namespace (${describeExec(result)}): check that ${params.statefulSet}-${params.ordinal} is Ready, listens on ${params.port}, and that ${params.service} is its headless Service`,
      evidence: { expected: `HTTP 200 from ${url}`, observed: describeExec(result) },
    };
  },
});
