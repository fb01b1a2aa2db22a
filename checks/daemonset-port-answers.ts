import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { DAEMONSET_REF, templateRefusal, type DaemonSet } from './lib/workloads/daemonset.js';
import { removeGraderPods, startGraderPod } from './lib/grader/grader-pod.js';
import {
  POD_REF,
  describePod,
  isPodReady,
  isTerminating,
  podName,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { selectorString } from './lib/workloads/workload.js';

/** The grader's client pod starts (seconds), then one short HTTP request per node. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Seconds busybox nc waits for an answer from one agent. */
const REQUEST_TIMEOUT_S = 5;

/** `sh -c` script: $1 address, $2 port, $3 path; prints the response's status line. */
const HTTP_GET = `printf 'GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' "$3" "$1" | nc -w ${REQUEST_TIMEOUT_S} "$1" "$2" | head -n 1`;

interface PodWithIp extends Pod {
  status?: Pod['status'] & { podIP?: string };
}

export default defineCheck({
  kind: 'daemonset-port-answers',
  description:
    'From a grader pod inside the cluster, every Ready pod of a DaemonSet answers HTTP on the given port and path (e.g. the Glances REST API on 61208).',
  params: z.strictObject({
    name: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    path: z.string().startsWith('/').default('/'),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const ds = await ctx.cluster.get<DaemonSet>(
      { ...DAEMONSET_REF, namespace: ctx.scope.namespace, name: params.name },
      ctx.signal,
    );
    if (ds === undefined)
      return {
        status: 'failed',
        message: `DaemonSet ${params.name} not found in namespace ${ctx.scope.namespace}`,
      };
    const refusal = await templateRefusal(ctx, ds);
    if (refusal !== undefined) {
      return {
        status: 'failed',
        message: `the API server refuses the pods of DaemonSet ${params.name}: ${refusal}`,
      };
    }
    const expected = `HTTP 2xx from http://<pod IP>:${params.port}${params.path} of every pod of DaemonSet ${params.name}`;
    const wanted = Math.max(1, ds.status?.desiredNumberScheduled ?? 1);
    const ready = await waitVerdict<PodWithIp, PodWithIp[]>(
      ctx,
      {
        ...POD_REF,
        namespace: ctx.scope.namespace,
        labelSelector: selectorString(ds.spec?.selector),
      },
      {
        description: `${wanted} Ready pod(s) of DaemonSet ${params.name} with an IP`,
        check(all) {
          const usable = all.filter((p) => !isTerminating(p) && isPodReady(p) && p.status?.podIP);
          return usable.length >= wanted
            ? { state: 'met', value: usable.sort((a, b) => podName(a).localeCompare(podName(b))) }
            : { state: 'pending', errors: all.length === 0 ? ['no pods'] : all.map(describePod) };
        },
      },
      remainingBudget(ctx, startedAt) / 2,
    );
    if (!ready.met) {
      return {
        status: 'failed',
        message: `no Ready pod of DaemonSet ${params.name} to ask: ${ready.errors.join('; ')}`,
        evidence: { expected },
      };
    }
    const pods = ready.value;
    let client: string | undefined;
    try {
      ctx.progress('starting a client pod inside the cluster');
      client = await startGraderPod(
        ctx,
        { prefix: 'kubelab-client-', role: 'client' },
        remainingBudget(ctx, startedAt) / 2,
      );
      const lines: string[] = [];
      let failures = 0;
      for (const pod of pods) {
        const url = `http://${pod.status?.podIP ?? ''}:${params.port}${params.path}`;
        ctx.progress(`GET ${url} (pod ${podName(pod)})`);
        // nc rather than wget: an HTTP/1.0 request by hand, the status line read back. The script is
        // constant; the address, port and path are passed as arguments, never spliced into it.
        const result = await ctx.cluster.exec({
          namespace: ctx.scope.namespace,
          pod: client,
          command: [
            'sh',
            '-c',
            HTTP_GET,
            'http-get',
            pod.status?.podIP ?? '',
            String(params.port),
            params.path,
          ],
          timeoutMs: (REQUEST_TIMEOUT_S + 5) * 1000,
          signal: ctx.signal,
        });
        const status = result.stdout.split('\n')[0]?.trim() ?? '';
        const answered = /^HTTP\/1\.[01] 2\d\d/.test(status);
        if (!answered) failures += 1;
        const why =
          status ||
          (result.stderr || 'no answer').trim().split('\n').pop() ||
          `exit ${result.exitCode}`;
        lines.push(
          `${podName(pod)} on ${pod.spec?.nodeName ?? '?'}: GET ${url} ${answered ? `answered ${status}` : `failed (${why})`}`,
        );
      }
      if (failures === 0)
        return {
          status: 'passed',
          message: `all ${pods.length} pod(s) of DaemonSet ${params.name} answer on port ${params.port}`,
          evidence: { observed: lines.join('\n') },
        };
      return {
        status: 'failed',
        message: `${failures} of ${pods.length} pod(s) of DaemonSet ${params.name} do not answer on port ${params.port}${params.path}: ${lines.filter((l) => l.includes('failed')).join('; ')}. Is the agent started in web-server mode (GLANCES_OPT=-w) on its default port?`,
        evidence: { expected, observed: lines.join('\n') },
      };
    } finally {
      if (client !== undefined) await removeGraderPods(ctx, [client]);
    }
  },
});
