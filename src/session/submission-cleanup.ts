import { CLEANUP_TIMEOUT_MS } from '../cluster/cleanup/cleanup.js';
import { CleanupRuns } from '../cluster/cleanup/cleanup-plan.js';
import type { Cluster } from '../cluster/cluster.js';
import { cleanupRun, stuckLines } from './run-cleanup.js';

export interface SubmissionCleanup {
  /** What is still there as `object: why`: labelled objects at the deadline, then provisioned volumes. */
  readonly left: readonly string[];
  /** removeProvisionedVolumes' error, when the volumes a provisioner made are not all gone. */
  readonly volumesError?: unknown;
}

/**
 * Deletes what grading one submission made on the cluster (run-cleanup.ts, every run of the
 * student's): the namespace and cluster-scoped objects labelled for (lab, student), then the volumes
 * a provisioner made for the namespace's claims (they carry none of its labels). Throws when the
 * labelled objects cannot even be listed (the API server is down). Used before and after grading a
 * submission, and by `--resume`'s sweep of what earlier runs left.
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
  const result = await cleanupRun({
    cluster,
    labId: options.labId,
    user: options.user,
    runs: CleanupRuns.all,
    provisionedVolumesOf: options.namespace,
    timeoutMs: CLEANUP_TIMEOUT_MS,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const left = stuckLines(result);
  return result.volumesError === undefined ? { left } : { left, volumesError: result.volumesError };
}
