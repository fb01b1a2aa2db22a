import { CLEANUP_TIMEOUT_MS, cleanupAll } from '../cluster/cleanup/cleanup.js';
import type { Cluster } from '../cluster/cluster.js';
import { removeProvisionedVolumes } from '../cluster/cleanup/provisioned-volumes.js';

/** Deleting one submission's namespace and objects: the bound of every kubelab cleanup. */
const SUBMISSION_CLEANUP_TIMEOUT_MS = CLEANUP_TIMEOUT_MS;

export interface SubmissionCleanup {
  /** What is still there as `object: why`: labelled objects at the deadline, then provisioned volumes. */
  readonly left: readonly string[];
  /** removeProvisionedVolumes' error, when the volumes a provisioner made are not all gone. */
  readonly volumesError?: unknown;
}

/**
 * Deletes what grading one submission made on the cluster: the namespace and cluster-scoped objects
 * labelled for (lab, student), then the volumes a provisioner made for the namespace's claims (they
 * carry none of its labels). Throws when the labelled objects cannot even be listed (the API server
 * is down). Used before and after grading a submission, and by `--resume`'s sweep of what earlier
 * runs left.
 */
export async function cleanupSubmission(
  cluster: Cluster,
  options: {
    readonly labId: string;
    readonly user: string;
    readonly namespace: string;
    readonly signal?: AbortSignal;
  },
): Promise<SubmissionCleanup> {
  const { signal } = options;
  const summary = await cleanupAll(cluster, {
    labId: options.labId,
    user: options.user,
    timeoutMs: SUBMISSION_CLEANUP_TIMEOUT_MS,
    ...(signal === undefined ? {} : { signal }),
  });
  const left = summary.stuck.map((s) => `${s.object}: ${s.reason}`);
  try {
    await removeProvisionedVolumes(cluster, {
      namespace: options.namespace,
      timeoutMs: SUBMISSION_CLEANUP_TIMEOUT_MS,
      ...(signal === undefined ? {} : { signal }),
    });
    return { left };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    left.push(`persistentvolumes provisioned for namespace/${options.namespace}: ${why}`);
    return { left, volumesError: error };
  }
}
