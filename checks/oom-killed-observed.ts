import { z } from 'zod';
import { defineCheck, formatBytes, parseQuantity, sameQuantity } from '../src/check-api/index.js';
import { answerAt, readAnswers, ANSWERS_FILE } from './lib/answers.js';
import {
  POD_REF,
  containerStatus,
  describePod,
  type ContainerState,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';

/** The demo allocates its memory within a second of starting; a minute covers the image start too. */
const DEFAULT_TIMEOUT_MS = 60_000;

const OOM_EXIT_CODE = 137;

type LimitedPod = Pod;
interface LimitedContainer {
  name: string;
  resources?: { limits?: Record<string, string> };
}

function oomTermination(
  state: ContainerState | undefined,
): ContainerState['terminated'] | undefined {
  return state?.terminated?.reason === 'OOMKilled' ? state.terminated : undefined;
}

export default defineCheck({
  kind: 'oom-killed-observed',
  description:
    'A pod whose container allocates more than its memory limit was OOMKilled (terminated, reason OOMKilled, exit code 137), and the student reported what they observed in answers.yaml.',
  params: z.strictObject({
    pod: z.string().min(1),
    container: z.string().min(1).optional(),
    /** The limit the exercise gives the demo (unchanged by the student), e.g. 64Mi. */
    memoryLimit: z.string().min(1),
    /** answers.yaml keys where the student wrote the reason and exit code they observed. */
    reasonAnswer: z.string().min(1).optional(),
    exitCodeAnswer: z.string().min(1).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const expected = `pod ${params.pod} (memory limit ${params.memoryLimit}) terminated with reason OOMKilled, exit code ${OOM_EXIT_CODE}`;
    const verdict = await waitVerdict<
      LimitedPod,
      { pod: LimitedPod; terminated: NonNullable<ContainerState['terminated']> }
    >(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, fieldSelector: `metadata.name=${params.pod}` },
      {
        description: `pod ${params.pod} to be OOMKilled`,
        check(pods) {
          const pod = pods[0];
          if (pod === undefined)
            return { state: 'pending', errors: [`pod ${params.pod} not found`] };
          const status = containerStatus(pod, params.container);
          const terminated = oomTermination(status?.state) ?? oomTermination(status?.lastState);
          if (terminated !== undefined) return { state: 'met', value: { pod, terminated } };
          const other = status?.state?.terminated ?? status?.lastState?.terminated;
          if (other !== undefined) {
            return {
              state: 'impossible',
              reason: `the container ended with reason ${other.reason ?? 'none'} and exit code ${other.exitCode ?? '?'}, not OOMKilled`,
            };
          }
          return { state: 'pending', errors: [describePod(pod)] };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!verdict.met) {
      return {
        status: 'failed',
        message: `pod ${params.pod} was not OOMKilled: ${verdict.errors.join('; ')}. Apply oom-demo.yaml as given: its program needs more than ${params.memoryLimit}`,
        evidence: { expected, observed: verdict.errors.join('\n') },
      };
    }
    const { pod, terminated } = verdict.value;
    const spec = ((pod.spec?.containers ?? []) as LimitedContainer[]).find(
      (c) => params.container === undefined || c.name === params.container,
    );
    const limit = spec?.resources?.limits?.memory;
    if (!sameQuantity(limit, params.memoryLimit)) {
      const bytes = parseQuantity(limit);
      return {
        status: 'failed',
        message: `pod ${params.pod} has memory limit ${limit ?? 'none'}${bytes === undefined ? '' : ` (${formatBytes(bytes)})`}; the demo must keep the ${params.memoryLimit} it was given`,
        evidence: { expected, observed: describePod(pod) },
      };
    }
    const observed = `reason ${terminated.reason ?? '?'}, exit code ${terminated.exitCode ?? '?'}`;
    if (terminated.exitCode !== OOM_EXIT_CODE) {
      return {
        status: 'failed',
        message: `pod ${params.pod} was OOMKilled but exited with ${terminated.exitCode ?? '?'} instead of ${OOM_EXIT_CODE}`,
        evidence: { expected, observed },
      };
    }
    if (params.reasonAnswer !== undefined || params.exitCodeAnswer !== undefined) {
      const answers = await readAnswers(ctx.submissionDir);
      if (!answers.ok)
        return { status: 'failed', message: answers.reason, evidence: { expected, observed } };
      const wrong: string[] = [];
      if (params.reasonAnswer !== undefined) {
        const given = answerAt(answers.answers, params.reasonAnswer);
        if (String(given ?? '').trim() !== terminated.reason) {
          wrong.push(
            `${params.reasonAnswer} is ${JSON.stringify(given ?? null)}, the cluster shows ${terminated.reason ?? '?'}`,
          );
        }
      }
      if (params.exitCodeAnswer !== undefined) {
        const given = answerAt(answers.answers, params.exitCodeAnswer);
        if (Number(given) !== terminated.exitCode || given === null || given === '') {
          wrong.push(
            `${params.exitCodeAnswer} is ${JSON.stringify(given ?? null)}, the cluster shows ${terminated.exitCode ?? '?'}`,
          );
        }
      }
      if (wrong.length > 0) {
        return {
          status: 'failed',
          message: `pod ${params.pod} was OOMKilled, but ${ANSWERS_FILE} does not report it: ${wrong.join('; ')}. Read it in kubectl describe pod ${params.pod} (Last State / State)`,
          evidence: { expected: `${ANSWERS_FILE} matching ${observed}`, observed },
        };
      }
    }
    return {
      status: 'passed',
      message: `pod ${params.pod} was OOMKilled (${observed}) and the answers match`,
      evidence: { observed: describePod(pod) },
    };
  },
});
