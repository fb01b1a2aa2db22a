import { createHash } from 'node:crypto';
import {
  type CheckContext,
  deleteLabNamespace,
  ensureLabNamespace,
  type Scope,
} from '../../../src/check-api/index.js';

/** A grader namespace's deletion is bounded: its pods have no grace period. */
const DELETE_TIMEOUT_MS = 60_000;

/**
 * `kubelab-grader-<hash>`: the namespace of the grader's own pods for one lab namespace. Outside
 * the student's namespace, so batch grading's ResourceQuota there does not refuse them (fillers
 * sized to a node's free memory exceed it), and the same for every run on that namespace.
 */
export function graderNamespaceName(studentNamespace: string): string {
  const hash = createHash('sha256').update(studentNamespace).digest('hex').slice(0, 10);
  return `kubelab-grader-${hash}`;
}

/** The scope of the grader namespace: the student scope's labels (managed-by, lab, user), so `kubelab cleanup` removes it. */
export function graderScope(scope: Scope): Scope {
  return { ...scope, namespace: graderNamespaceName(scope.namespace) };
}

/**
 * Creates the grader namespace of `ctx` (Pod Security `restricted`, which grader pods pass) and
 * returns a context that is `ctx` with the grader namespace as its scope; `close()` deletes the
 * namespace and never throws, so it fits in a finally block.
 */
export async function openGraderNamespace(
  ctx: CheckContext,
): Promise<{ ctx: CheckContext; close(): Promise<void> }> {
  const scope = graderScope(ctx.scope);
  await ensureLabNamespace(ctx.cluster, scope, { podSecurity: 'restricted', signal: ctx.signal });
  const graderCtx: CheckContext = {
    lab: ctx.lab,
    scope,
    cluster: ctx.cluster,
    node: ctx.node,
    submissionDir: ctx.submissionDir,
    signal: ctx.signal,
    get timeoutMs() {
      return ctx.timeoutMs;
    },
    extendDeadline: (ms) => ctx.extendDeadline(ms),
    progress: (activity) => ctx.progress(activity),
  };
  return {
    ctx: graderCtx,
    async close() {
      await deleteLabNamespace(ctx.cluster, scope.namespace, {
        timeoutMs: DELETE_TIMEOUT_MS,
        signal: AbortSignal.timeout(DELETE_TIMEOUT_MS),
      }).catch(() => undefined);
    },
  };
}
