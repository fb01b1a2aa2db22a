import type { ObjectRef } from '../cluster.js';
import { describeOwner, ownerKey, runOwner, type RunOwner } from '../run-owner.js';

/** Which runs' objects a cleanup takes: every kubelab run, or only the student's own session. */
export const CleanupRuns = { all: 'all', session: 'session' } as const;
export type CleanupRuns = (typeof CleanupRuns)[keyof typeof CleanupRuns];

/** An object kubelab labelled, found by cleanup. */
export interface CleanupCandidate {
  readonly ref: ObjectRef;
  readonly uid: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

/** Objects of one other run that a cleanup leaves in place, and why. */
export interface LeftRun {
  readonly owner: RunOwner;
  /** `namespace/kubelab-verify-probes-abc12`, …, sorted. */
  readonly objects: readonly string[];
}

/** `namespace/kubelab-probes`: how cleanup names an object. */
export function objectLabel(ref: Pick<ObjectRef, 'kind' | 'name'>): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

/**
 * Splits what a label selector found into what this cleanup deletes and what it leaves: with
 * `runs: 'all'` everything; with `runs: 'session'` only the student's own session's objects, and the
 * objects of every other run (a `kubelab verify` in progress, an instructor's grading) are left,
 * grouped per run, sorted.
 */
export function selectCleanup(
  candidates: readonly CleanupCandidate[],
  runs: CleanupRuns,
): { take: CleanupCandidate[]; left: LeftRun[] } {
  const take: CleanupCandidate[] = [];
  const left = new Map<string, { owner: RunOwner; objects: string[] }>();
  for (const candidate of candidates) {
    const owner = runOwner(candidate.labels);
    if (runs === CleanupRuns.all || owner.kind === 'session') {
      take.push(candidate);
      continue;
    }
    const key = ownerKey(owner);
    const group = left.get(key) ?? { owner, objects: [] };
    group.objects.push(objectLabel(candidate.ref));
    left.set(key, group);
  }
  return {
    take: take.sort((a, b) => objectLabel(a.ref).localeCompare(objectLabel(b.ref))),
    left: [...left.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, group]) => ({ owner: group.owner, objects: group.objects.sort() })),
  };
}

/**
 * "left 2 objects of a `kubelab verify` run (abc12), in progress or interrupted: namespace/…;
 * use --all-runs to include them".
 */
export function describeLeftRun(group: LeftRun): string {
  const count = group.objects.length;
  const what = count === 1 ? '1 object' : `${count} objects`;
  const include =
    group.owner.kind === 'grade'
      ? `--user ${group.owner.user} or --all-runs`
      : group.owner.kind === 'verify'
        ? '--all-runs'
        : '';
  const hint = include === '' ? '' : `; use ${include} to include ${count === 1 ? 'it' : 'them'}`;
  return `left ${what} of ${describeOwner(group.owner)}, in progress or interrupted: ${group.objects.join(', ')}${hint}`;
}
