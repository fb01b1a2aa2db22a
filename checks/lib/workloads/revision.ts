import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import type { Pod } from '../pods/pod-state.js';
import { waitVerdict } from '../wait.js';
import { selectorString, type Workload, type WorkloadKind } from './workload.js';

/** Set by the deployment controller on a Deployment and on each of its ReplicaSets. */
const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
/** The label StatefulSet and DaemonSet pods (and DaemonSet ControllerRevisions) carry. */
const REVISION_HASH = 'controller-revision-hash';

interface Generational extends Workload {
  metadata: Workload['metadata'] & { generation?: number };
  spec?: Workload['spec'] & {
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: Workload['status'] & { observedGeneration?: number; updateRevision?: string };
}

interface ControllerRevision extends KubeObject {
  revision?: number;
}

function controllerOf(object: KubeObject, kind: string): string | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller === true && o.kind === kind)
    ?.name;
}

/**
 * The workload once its controller has acted on its latest spec (status.observedGeneration caught up
 * with metadata.generation): only then do its current ReplicaSet or revision exist. Undefined when the
 * workload is gone; the last version seen when the controller does not catch up within `timeoutMs`.
 */
async function observedWorkload(
  ctx: CheckContext,
  kind: WorkloadKind,
  name: string,
  timeoutMs: number,
): Promise<Generational | undefined> {
  let last: Generational | undefined;
  const verdict = await waitVerdict<Generational, Generational | undefined>(
    ctx,
    {
      apiVersion: 'apps/v1',
      kind,
      namespace: ctx.scope.namespace,
      fieldSelector: `metadata.name=${name}`,
    },
    {
      description: `the ${kind} controller to observe ${kind} ${name}'s latest spec`,
      check([workload]) {
        last = workload;
        if (workload === undefined) return { state: 'met', value: undefined };
        const observed = workload.status?.observedGeneration ?? 0;
        return observed >= (workload.metadata.generation ?? 0)
          ? { state: 'met', value: workload }
          : { state: 'pending', errors: [`observedGeneration ${observed}`] };
      },
    },
    timeoutMs,
  );
  return verdict.met ? verdict.value : last;
}

/**
 * What becomes of a pod a check found crash-looping, judged by its workload's revisions:
 * - `current`: it runs the template the workload asks for now, so the submission is at fault;
 * - `replaced`: it runs an earlier template and the rollout under way deletes it;
 * - `kept`: it runs an earlier template the workload's update strategy will not replace by itself
 *   (`reason` says why and what to do).
 */
export type RolloutFate =
  | { readonly fate: 'current' }
  | { readonly fate: 'replaced' }
  | { readonly fate: 'kept'; readonly reason: string };

const CURRENT: RolloutFate = { fate: 'current' };

/** Whether a StatefulSet or DaemonSet's update strategy replaces `pod`, an old-revision pod that is not Ready. */
function strategyFate(
  kind: 'StatefulSet' | 'DaemonSet',
  workload: Generational,
  pod: Pod,
): RolloutFate {
  const name = pod.metadata.name ?? '';
  const strategy = workload.spec?.updateStrategy;
  const deleteIt = `delete it (kubectl delete pod ${name}) so the ${kind} recreates it from the template you applied`;
  if (strategy?.type === 'OnDelete')
    return {
      fate: 'kept',
      reason: `updateStrategy OnDelete replaces a pod only when it is deleted: ${deleteIt}`,
    };
  if (kind === 'DaemonSet') return { fate: 'replaced' };
  const ordinal = Number(/-(\d+)$/.exec(name)?.[1] ?? Number.NaN);
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  if (ordinal < partition)
    return {
      fate: 'kept',
      reason: `its ordinal ${ordinal} is below the rolling update's partition ${partition}, which keeps it on the earlier template`,
    };
  // Upstream's forced rollback: an OrderedReady StatefulSet waits for every pod to be Running and
  // Ready before it updates any, so a broken pod holds the rollout.
  if ((workload.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady')
    return {
      fate: 'kept',
      reason: `an OrderedReady StatefulSet does not update a pod that is not Ready (Kubernetes' forced rollback): ${deleteIt}`,
    };
  return { fate: 'replaced' };
}

/**
 * Whether `pod`, found crash-looping, runs the template its workload asks for now, or one a rollout is
 * replacing (the student applied a fix a moment ago). A pod of an earlier revision says nothing about
 * the template applied, unless the workload keeps it. Pods found by a bare label selector, and a
 * ReplicaSet's pods, have one template and are always current; so is a pod whose revision cannot be
 * told (the workload went away, or its controller did not catch up within `timeoutMs`), which keeps a
 * verdict possible.
 *
 * - Deployment: the pod's ReplicaSet carries the Deployment's revision annotation; the rollout
 *   replaces the others (RollingUpdate and Recreate alike).
 * - StatefulSet: the pod's controller-revision-hash is status.updateRevision.
 * - DaemonSet: the pod's controller-revision-hash is that of the DaemonSet's newest ControllerRevision
 *   (DaemonSet status names no revision).
 */
export async function rolloutFate(
  ctx: CheckContext,
  target: { readonly kind: WorkloadKind; readonly name?: string | undefined },
  pod: Pod,
  timeoutMs: number,
): Promise<RolloutFate> {
  if (target.name === undefined || target.kind === 'ReplicaSet') return CURRENT;
  const workload = await observedWorkload(ctx, target.kind, target.name, timeoutMs);
  if (workload === undefined) return CURRENT;
  const namespace = ctx.scope.namespace;
  switch (target.kind) {
    case 'Deployment': {
      const replicaSet = controllerOf(pod, 'ReplicaSet');
      if (replicaSet === undefined) return CURRENT;
      const owner = await ctx.cluster.get(
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace, name: replicaSet },
        ctx.signal,
      );
      const current = workload.metadata.annotations?.[DEPLOYMENT_REVISION];
      // A ReplicaSet already deleted belonged to an old revision.
      if (owner === undefined) return { fate: 'replaced' };
      return current === undefined || owner.metadata.annotations?.[DEPLOYMENT_REVISION] === current
        ? CURRENT
        : { fate: 'replaced' };
    }
    case 'StatefulSet': {
      const current = workload.status?.updateRevision;
      return current === undefined || pod.metadata.labels?.[REVISION_HASH] === current
        ? CURRENT
        : strategyFate('StatefulSet', workload, pod);
    }
    case 'DaemonSet': {
      const revisions = await ctx.cluster.list<ControllerRevision>(
        {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          namespace,
          labelSelector: selectorString(workload.spec?.selector),
        },
        ctx.signal,
      );
      const newest = revisions
        .filter((r) => controllerOf(r, 'DaemonSet') === target.name)
        .reduce<ControllerRevision | undefined>(
          (best, r) => ((r.revision ?? 0) > (best?.revision ?? -1) ? r : best),
          undefined,
        );
      const current = newest?.metadata.labels?.[REVISION_HASH];
      return current === undefined || pod.metadata.labels?.[REVISION_HASH] === current
        ? CURRENT
        : strategyFate('DaemonSet', workload, pod);
    }
  }
}
