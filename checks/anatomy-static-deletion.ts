import { posix } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { defineCheck, type NodeAccess, STATIC_POD_DIR } from '../src/check-api/index.js';
import { ANSWERS_FILE, answerAt, readAnswers } from './lib/answers.js';
import { GRADER_LABEL, graderPodManifest } from './lib/grader/grader-pod.js';
import { graderSuffix } from './lib/grader/marker.js';
import { isMirrorPod, mirrorPodName } from './lib/node/mirror-pod.js';
import { POD_REF, describePod, isPodReady, type Pod } from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { NoVerdictError } from './lib/no-verdict.js';

/**
 * The experiment: the kubelet picks up a new static manifest and posts its mirror pod (seconds,
 * at worst its 20 s re-scan), then reacts to the file's removal the same way: a minute and a half.
 */
const DEFAULT_TIMEOUT_MS = 90_000;

const StaticDeletionAnswer = {
  stopsThePod: 'stops-the-pod',
  keepsRunning: 'keeps-running',
  apiRecreates: 'api-recreates',
} as const;

export default defineCheck({
  kind: 'anatomy-static-deletion',
  description:
    'The student says what the kubelet does when a static manifest is deleted; the grader finds out on the live node by writing a throw-away static pod, deleting its file and watching its mirror pod.',
  params: z.strictObject({
    /** Where the answer is in answers.yaml. */
    answer: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  needsNodeAccess: true,
  async run(ctx, params) {
    const startedAt = Date.now();
    const answers = await readAnswers(ctx.submissionDir);
    if (!answers.ok) return { status: 'failed', message: answers.reason };
    const given = answerAt(answers.answers, params.answer);
    const node = ctx.node as NodeAccess;
    const namespace = ctx.scope.namespace;
    // A name of its own for each run: the kubelet starts no static pod while one of the same full
    // name is still terminating, so a fixed name made a check run soon after another wait for the
    // last run's probe to finish stopping (and fail when that outlasted its budget).
    const podBase = `kubelab-anatomy-probe-${graderSuffix()}`;
    const mirror = mirrorPodName(podBase, node.nodeName);
    const file = posix.join(STATIC_POD_DIR, `${namespace}--${podBase}.yaml`);
    const manifest = graderPodManifest(ctx, { prefix: '', role: 'static-probe' });
    const pod = {
      ...manifest,
      metadata: {
        name: podBase,
        namespace,
        labels: { ...ctx.scope.labels, [GRADER_LABEL]: 'static-probe' },
      },
    };
    const notes: string[] = [];
    let written = false;
    try {
      ctx.progress(`writing a throw-away static pod to ${file}`);
      await node.writeFile(file, stringify(pod), ctx.signal);
      written = true;
      const started = await waitVerdict<Pod, Pod>(
        ctx,
        { ...POD_REF, namespace, fieldSelector: `metadata.name=${mirror}` },
        {
          description: `mirror pod ${mirror} of the grader's static pod to run`,
          check(pods) {
            const p = pods[0];
            return p !== undefined && isMirrorPod(p) && isPodReady(p)
              ? { state: 'met', value: p }
              : {
                  state: 'pending',
                  errors: [p === undefined ? 'no mirror pod yet' : describePod(p)],
                };
          },
        },
        remainingBudget(ctx, startedAt) / 2,
      );
      if (!started.met)
        throw new NoVerdictError(
          `the grader's static pod ${file} did not start on node ${node.nodeName}: ${started.errors.join('; ')}`,
        );
      ctx.progress(`deleting ${file}`);
      await node.remove(file, ctx.signal);
      written = false;
      let truth: string = StaticDeletionAnswer.stopsThePod;
      try {
        await ctx.cluster.waitForDeletion(
          { ...POD_REF, namespace, name: mirror },
          {
            timeoutMs: remainingBudget(ctx, startedAt),
            signal: ctx.signal,
            uid: started.value.metadata.uid,
          },
        );
        notes.push(`after ${file} was deleted, mirror pod ${mirror} disappeared`);
      } catch (error) {
        if (ctx.signal.aborted || !(error instanceof Error) || error.name !== 'WaitTimeoutError')
          throw error;
        truth = StaticDeletionAnswer.keepsRunning;
        notes.push(`after ${file} was deleted, mirror pod ${mirror} was still there`);
      }
      if (typeof given === 'string' && given.trim() === truth) {
        return {
          status: 'passed',
          message: `${params.answer}: ${truth}, as the grader just observed on node ${node.nodeName}`,
          evidence: { notes },
        };
      }
      return {
        status: 'failed',
        message: `${params.answer} in ${ANSWERS_FILE} is ${given === undefined || given === null ? 'no answer' : JSON.stringify(given)}, but when the grader deleted a static manifest on node ${node.nodeName} the answer was ${truth}. Choose one of ${Object.values(StaticDeletionAnswer).join(', ')} (course §2.8)`,
        evidence: { expected: truth, notes },
      };
    } finally {
      if (written) await node.remove(file).catch(() => undefined);
      await ctx.cluster
        .delete({ ...POD_REF, namespace, name: mirror }, { gracePeriodSeconds: 0 })
        .catch(() => undefined);
    }
  },
});
