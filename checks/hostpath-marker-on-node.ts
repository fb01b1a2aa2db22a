import { z } from 'zod';
import { clusterName, defineCheck } from '../src/check-api/index.js';
import { describeExec, execIn, removeFileCommand, writeFileCommand } from './lib/pods/exec.js';
import { graderSuffix } from './lib/grader/marker.js';
import { DEFAULT_HOSTPATH_ROOTS, nodeFile, resolveNodePath } from './lib/node/node-path.js';
import { describePod } from './lib/pods/pod-state.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { remainingBudget } from './lib/wait.js';
import { claimMounts, type PodWithVolumes } from './lib/pods/pod-volumes.js';
import { PV_REF, describeVolume, type PersistentVolume } from './lib/storage/storage.js';

/** The pod is normally Running already; then an exec, a file read on the node and a clean-up. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The node access the check was given cannot reach the files it must read: no verdict. */
export class NodeAccessMismatchError extends Error {
  override readonly name = 'NodeAccessMismatchError';
}

export default defineCheck({
  kind: 'hostpath-marker-on-node',
  description:
    "The grader writes a marker file through the pod's mount and finds it in the PersistentVolume's hostPath directory on the node (read through the node-access adapter).",
  needsNodeAccess: true,
  params: z.strictObject({
    pod: z.string().min(1),
    claim: z.string().min(1),
    mountPath: z.string().startsWith('/'),
    /** The PV as the student named it; its hostPath is read from the object as applied. */
    volume: z.string().min(1),
    hostPathRoots: z.array(z.string().startsWith('/')).default([...DEFAULT_HOSTPATH_ROOTS]),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const node = ctx.node;
    if (node === undefined) {
      throw new NodeAccessMismatchError(
        'this check reads a file on the node but no node-access adapter fits this cluster; run it on minikube, kind or the project cluster, or give the grader a privileged-pod adapter',
      );
    }
    const pvName = clusterName(ctx.scope, params.volume);
    const pv = await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name: pvName }, ctx.signal);
    const hostPath = pv?.spec?.hostPath?.path;
    if (pv === undefined || hostPath === undefined) {
      return {
        status: 'failed',
        message:
          pv === undefined
            ? `PersistentVolume ${pvName} not found`
            : `PersistentVolume ${pvName} has no hostPath`,
        evidence: {
          expected: `PersistentVolume ${pvName} with a hostPath`,
          observed: pv ? describeVolume(pv) : 'no such object',
        },
      };
    }
    const dir = resolveNodePath(hostPath, params.hostPathRoots);
    if (!dir.ok) {
      return {
        status: 'failed',
        message: `the grader will not read PersistentVolume ${pvName}'s hostPath: ${dir.reason}`,
        evidence: {
          expected: `a hostPath under ${params.hostPathRoots.join(' or ')}`,
          observed: describeVolume(pv),
        },
      };
    }
    const running = await waitForPod(ctx, {
      name: params.pod,
      runningOnly: true,
      timeoutMs: remainingBudget(ctx, startedAt) / 2,
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
        message: `pod ${params.pod} is not Running with ${params.claim} mounted at ${wanted}: the grader writes its marker through it`,
        evidence: {
          expected: `pod ${params.pod} Running, ${params.claim} at ${wanted}`,
          observed: running.met ? describePod(running.value) : running.errors.join('\n'),
        },
      };
    }
    if (pod.spec?.nodeName !== undefined && pod.spec.nodeName !== node.nodeName) {
      throw new NodeAccessMismatchError(
        `pod ${params.pod} runs on node ${pod.spec.nodeName} but the node-access adapter (${node.kind}) reaches ${node.nodeName}; expected them to be the same node`,
      );
    }
    const name = `.kubelab-marker-${graderSuffix()}`;
    const content = `kubelab marker ${name}`;
    const inPod = `${wanted}/${name}`;
    const onNode = nodeFile(dir.path, name);
    try {
      ctx.progress(`writing ${inPod} in pod ${params.pod}`);
      const written = await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: writeFileCommand(inPod, content),
      });
      if (written.exitCode !== 0) {
        return {
          status: 'failed',
          message: `the grader could not write ${inPod} in pod ${params.pod} (${describeExec(written)})`,
          evidence: { expected: `${inPod} writable`, observed: describeExec(written) },
        };
      }
      ctx.progress(`reading ${onNode} on node ${node.nodeName}`);
      const found = await node.readFile(onNode, ctx.signal);
      if (found === content) {
        return {
          status: 'passed',
          message: `the marker written at ${inPod} in pod ${params.pod} is on node ${node.nodeName} at ${onNode}`,
          evidence: { notes: [`node access: ${node.kind}`] },
        };
      }
      return {
        status: 'failed',
        message:
          `the marker written at ${inPod} in pod ${params.pod} is not in ${dir.path} on node ${node.nodeName} (PersistentVolume ${pvName}'s hostPath): ` +
          `the pod's ${wanted} is not that volume; check that ${params.claim} is Bound to ${pvName}`,
        evidence: {
          expected: `${onNode} on node ${node.nodeName} containing "${content}"`,
          observed:
            found === undefined
              ? `${onNode}: no such file`
              : `${onNode} contains ${JSON.stringify(found.slice(0, 80))}`,
        },
      };
    } finally {
      await execIn(ctx, {
        pod: params.pod,
        container: mount.container,
        command: removeFileCommand(inPod),
      }).catch(() => undefined);
      await node.remove(onNode).catch(() => undefined);
    }
  },
});
