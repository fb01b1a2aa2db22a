import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { describePod } from './lib/pods/pod-state.js';
import { show } from './lib/match.js';
import {
  TARGET_MESSAGE,
  missingWorkloadMessage,
  pickReadyPod,
  podTargetFields,
  resolveTarget,
} from './lib/workloads/workload.js';

/** One command in a Ready pod: thirty seconds covers a DNS lookup or a small SQL query. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Output shown in a failure, so a chatty command does not flood the report. */
const MAX_SHOWN_OUTPUT = 2_000;

function validRegex(source: string | undefined): boolean {
  if (source === undefined) return true;
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function clip(text: string): string {
  return text.length > MAX_SHOWN_OUTPUT ? `${text.slice(0, MAX_SHOWN_OUTPUT)}…` : text;
}

export default defineCheck({
  kind: 'exec-succeeds',
  description:
    'Runs a command (argv, no shell) in a pod — by name, or the first Ready pod of a workload or selector — and asserts its exit code and optionally a regular expression on its stdout.',
  params: z
    .strictObject({
      ...podTargetFields,
      /** A pod by name instead of a workload or selector. */
      pod: z.string().min(1).optional(),
      container: z.string().min(1).optional(),
      /** argv: ["cat", "/data/hello.txt"]. Use ["sh", "-c", "…"] explicitly if a shell is needed. */
      command: z.array(z.string()).min(1),
      exitCode: z.number().int().default(0),
      /** A regular expression stdout must match (JavaScript syntax, multiline). */
      stdout: z.string().optional(),
    })
    .refine((p) => [p.name, p.labelSelector, p.pod].filter((v) => v !== undefined).length === 1, {
      message: `${TARGET_MESSAGE}, or \`pod\``,
    })
    .refine((p) => validRegex(p.stdout), {
      message: 'stdout: expected a valid regular expression',
    }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    let selector = '';
    let description = `pod ${params.pod ?? ''}`;
    if (params.pod === undefined) {
      const resolved = await resolveTarget(ctx, params);
      if (resolved === undefined)
        return { status: 'failed', message: missingWorkloadMessage(ctx, params) };
      selector = resolved.labelSelector;
      description = resolved.description;
    }
    const pod = await pickReadyPod(ctx, selector, params.pod);
    if (pod === undefined) {
      return {
        status: 'failed',
        message: `no Ready pod of ${description} to run ${show(params.command)} in`,
      };
    }
    const name = pod.metadata.name ?? '';
    ctx.progress(`running ${params.command.join(' ')} in ${name}`);
    const result = await ctx.cluster.exec({
      namespace: ctx.scope.namespace,
      pod: name,
      container: params.container,
      command: params.command,
      timeoutMs: Math.max(1_000, ctx.timeoutMs - (Date.now() - startedAt) - 2_000),
      signal: ctx.signal,
    });
    const expected =
      `${show(params.command)} in pod ${name} exits ${params.exitCode}` +
      (params.stdout === undefined ? '' : ` with stdout matching /${params.stdout}/`);
    const observed = `exit code ${result.exitCode}\nstdout: ${clip(result.stdout)}\nstderr: ${clip(result.stderr)}`;
    if (result.exitCode !== params.exitCode) {
      return {
        status: 'failed',
        message: `${show(params.command)} in pod ${name} exited ${result.exitCode}, expected ${params.exitCode}: ${clip(result.stderr.trim() || result.stdout.trim())}`,
        evidence: { expected, observed, notes: [describePod(pod)] },
      };
    }
    if (params.stdout !== undefined && !new RegExp(params.stdout, 'm').test(result.stdout)) {
      return {
        status: 'failed',
        message: `the output of ${show(params.command)} in pod ${name} does not match /${params.stdout}/`,
        evidence: { expected, observed },
      };
    }
    return {
      status: 'passed',
      message: `${show(params.command)} in pod ${name} exited ${result.exitCode}`,
      evidence: { observed },
    };
  },
});
