import { USER_LABEL } from '../model/scope.js';

/** Marks what `kubelab verify` creates, with the run's id as value (see runner/verify-scope.ts). */
export const VERIFY_LABEL = 'kubelab.dev/verify';

/**
 * Which kubelab run an object belongs to, read from its labels: a `kubelab verify` run (label
 * kubelab.dev/verify=<run id>), an instructor's `kubelab grade` of one student (kubelab.dev/user),
 * or the student's own session (`kubelab start`, neither label).
 */
export type RunOwner =
  | { readonly kind: 'session' }
  | { readonly kind: 'verify'; readonly run: string }
  | { readonly kind: 'grade'; readonly user: string };

export function runOwner(labels: Readonly<Record<string, string>> | undefined): RunOwner {
  const verify = labels?.[VERIFY_LABEL];
  if (verify !== undefined) return { kind: 'verify', run: verify };
  const user = labels?.[USER_LABEL];
  if (user !== undefined) return { kind: 'grade', user };
  return { kind: 'session' };
}

/** `session`, `verify abc12`, `grade alice`: one key per run, for grouping. */
export function ownerKey(owner: RunOwner): string {
  if (owner.kind === 'verify') return `verify ${owner.run}`;
  if (owner.kind === 'grade') return `grade ${owner.user}`;
  return 'session';
}

/** "a `kubelab verify` run (abc12)": the run, as a user reads it. */
export function describeOwner(owner: RunOwner): string {
  if (owner.kind === 'verify') return `a \`kubelab verify\` run (${owner.run})`;
  if (owner.kind === 'grade') return `an instructor's \`kubelab grade\` of student ${owner.user}`;
  return 'your own `kubelab start` session';
}
