import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { describeExec, execIn, removeFileCommand, writeFileCommand } from './lib/pods/exec.js';
import { graderSuffix } from './lib/grader/marker.js';
import { describePod } from './lib/pods/pod-state.js';
import { claimMounts, claimsOf, type PodWithVolumes } from './lib/pods/pod-volumes.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { remainingBudget } from './lib/wait.js';

/** A pod with a volume starts within seconds once its claim is bound; 90 s leaves room for the image and the provisioner. */
const DEFAULT_TIMEOUT_MS = 90_000;

export default defineCheck({
  kind: 'pod-mounts-claim',
  description:
    'A pod is Running with a PersistentVolumeClaim mounted at the path asked for; with write: true the grader also writes a file through it and reads it back.',
  params: z.strictObject({
    pod: z.string().min(1),
    claim: z.string().min(1),
    mountPath: z.string().startsWith('/'),
    write: z.boolean().default(false),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const running = await waitForPod(ctx, {
      name: params.pod,
      timeoutMs: remainingBudget(ctx, startedAt),
      runningOnly: true,
    });
    if (!running.met) {
      return {
        status: 'failed',
        message: `pod ${params.pod} is not Running: ${running.errors.join('; ')}`,
        evidence: {
          expected: `pod ${params.pod} Running with ${params.claim} at ${params.mountPath}`,
          observed: running.errors.join('\n'),
        },
      };
    }
    const pod = running.value as PodWithVolumes;
    const wantedPath = params.mountPath.replace(/\/+$/, '');
    const mount = claimMounts(pod, params.claim).find((m) => m.mountPath === wantedPath);
    if (mount === undefined) {
      const mounted = claimMounts(pod, params.claim).map((m) => `${m.container}:${m.mountPath}`);
      return {
        status: 'failed',
        message:
          mounted.length > 0
            ? `pod ${params.pod} mounts ${params.claim} at ${mounted.join(', ')}, not at ${wantedPath}`
            : `pod ${params.pod} does not mount PersistentVolumeClaim ${params.claim} (its claims: ${claimsOf(pod).join(', ') || 'none'})`,
        evidence: {
          expected: `a volume with persistentVolumeClaim.claimName: ${params.claim}, mounted at ${wantedPath}`,
          observed: describePod(pod),
        },
      };
    }
    if (!params.write) {
      return {
        status: 'passed',
        message: `pod ${params.pod} is Running with ${params.claim} mounted at ${wantedPath}`,
      };
    }
    const file = `${wantedPath}/.kubelab-write-${graderSuffix()}`;
    const content = `written by kubelab at ${new Date(startedAt).toISOString()}`;
    ctx.progress(`writing ${file} in pod ${params.pod}`);
    try {
      const written = await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: writeFileCommand(file, content),
      });
      if (written.exitCode !== 0 || written.stdout !== content) {
        return {
          status: 'failed',
          message: `pod ${params.pod} cannot write to ${wantedPath} (${describeExec(written)})${mount.readOnly ? ': the volume is mounted readOnly' : ''}`,
          evidence: {
            expected: `a file written under ${wantedPath} reads back the same`,
            observed: describeExec(written),
          },
        };
      }
      return {
        status: 'passed',
        message: `pod ${params.pod} wrote and read back a file on ${params.claim} at ${wantedPath}`,
      };
    } finally {
      await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: removeFileCommand(file),
      }).catch(() => undefined);
    }
  },
});
