import { z } from 'zod';
import { defineCheck, type KubeObject } from '../src/check-api/index.js';
import {
  describeExec,
  execIn,
  readFileCommand,
  removeFileCommand,
  writeFileCommand,
} from './lib/pods/exec.js';
import { graderSuffix } from './lib/grader/marker.js';
import { describePod } from './lib/pods/pod-state.js';
import { claimMounts, type PodWithVolumes } from './lib/pods/pod-volumes.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { deleteAndWait, recreatable } from './lib/workloads/recreate.js';
import { remainingBudget } from './lib/wait.js';

/** Deleting a pod (grace period included), creating it again and waiting for Running: 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;

export default defineCheck({
  kind: 'pod-data-survives-recreate',
  description:
    'The grader writes a marker through the pod, deletes the pod and creates it again from the same spec, and finds the marker still there: the data lives on the PersistentVolume, not in the pod.',
  params: z.strictObject({
    pod: z.string().min(1),
    claim: z.string().min(1),
    mountPath: z.string().startsWith('/'),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const running = await waitForPod(ctx, {
      name: params.pod,
      runningOnly: true,
      timeoutMs: remainingBudget(ctx, startedAt) / 3,
    });
    const pod = running.met ? (running.value as PodWithVolumes) : undefined;
    const wanted = params.mountPath.replace(/\/+$/, '');
    const mount =
      pod === undefined
        ? undefined
        : claimMounts(pod, params.claim).find((m) => m.mountPath === wanted);
    if (pod === undefined || mount === undefined || pod.status?.phase !== 'Running') {
      return {
        status: 'failed',
        message: `pod ${params.pod} is not Running with ${params.claim} mounted at ${wanted}`,
        evidence: {
          expected: `pod ${params.pod} Running, ${params.claim} at ${wanted}`,
          observed: running.met ? describePod(running.value) : running.errors.join('\n'),
        },
      };
    }
    const file = `${wanted}/.kubelab-survives-${graderSuffix()}`;
    const content = `kubelab marker written before the pod was deleted`;
    const written = await execIn(ctx, {
      pod: params.pod,
      container: mount.container,
      command: writeFileCommand(file, content),
    });
    if (written.exitCode !== 0) {
      return {
        status: 'failed',
        message: `the grader could not write ${file} in pod ${params.pod} (${describeExec(written)})`,
        evidence: { expected: `${file} writable`, observed: describeExec(written) },
      };
    }
    const controlled = (pod.metadata.ownerReferences ?? []).some((o) => o.controller === true);
    const spec: KubeObject = recreatable(pod);
    let recreated = controlled;
    try {
      ctx.progress(`deleting pod ${params.pod}`);
      const gone = await deleteAndWait(ctx, pod, remainingBudget(ctx, startedAt));
      if (!gone) {
        return {
          status: 'failed',
          message: `pod ${params.pod} was still terminating when the check's time ran out`,
          evidence: {
            expected: `pod ${params.pod} deleted`,
            notes: ['a container that ignores SIGTERM holds the pod for its whole grace period'],
          },
        };
      }
      if (!controlled) {
        ctx.progress(`creating pod ${params.pod} again`);
        await ctx.cluster.create(spec, ctx.signal);
        recreated = true;
      }
      const back = await waitForPod(ctx, {
        name: params.pod,
        notUid: pod.metadata.uid,
        runningOnly: true,
        timeoutMs: remainingBudget(ctx, startedAt),
      });
      if (!back.met) {
        return {
          status: 'failed',
          message: `pod ${params.pod} did not run again after it was recreated: ${back.errors.join('; ')}`,
          evidence: {
            expected: `pod ${params.pod} Running again`,
            observed: back.errors.join('\n'),
          },
        };
      }
      const read = await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: readFileCommand(file),
      });
      if (read.exitCode === 0 && read.stdout === content) {
        return {
          status: 'passed',
          message: `the marker written at ${file} is still there after pod ${params.pod} was deleted and created again`,
          evidence: {
            notes: [`pod ${params.pod} back in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`],
          },
        };
      }
      return {
        status: 'failed',
        message: `the marker written at ${file} is gone after pod ${params.pod} was deleted and created again: what the pod writes in ${wanted} does not outlive it (is ${wanted} the persistent volume, and does the container leave it alone when it starts?)`,
        evidence: { expected: `${file} containing "${content}"`, observed: describeExec(read) },
      };
    } finally {
      if (!recreated) await ctx.cluster.create(spec).catch(() => undefined);
      await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: removeFileCommand(file),
      }).catch(() => undefined);
    }
  },
});
