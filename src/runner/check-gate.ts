import type { CheckKind } from '../check-api/check-kind.js';
import type { CheckSpec } from '../model/lab.js';
import type { CheckResult } from '../model/result.js';

/** Why a check cannot start, decided before it runs. Pure. */
export type Gate =
  | { readonly open: true; readonly kind: CheckKind; readonly params: unknown }
  | { readonly open: false; readonly status: 'skipped' | 'error'; readonly message: string };

export interface GateInput {
  readonly spec: Pick<CheckSpec, 'id' | 'kind' | 'needs' | 'params'>;
  readonly kind: CheckKind | undefined;
  /** Results of the checks that ran before, by id. */
  readonly earlier: ReadonlyMap<string, Pick<CheckResult, 'status'>>;
  readonly hasNodeAccess: boolean;
  /** Which adapter was tried and why it did not fit, for the message. */
  readonly nodeAccessProblem?: string;
  readonly context: string;
  readonly interrupted: boolean;
}

/**
 * Decides whether a check may run: interrupted runs skip it; a needed check that did not pass
 * skips it ("skipped: needs <id> which failed"); an unknown kind, invalid params or missing node
 * access are errors that say what to fix.
 */
export function gateCheck(input: GateInput): Gate {
  if (input.interrupted) return { open: false, status: 'skipped', message: 'skipped: interrupted' };
  for (const need of input.spec.needs) {
    const result = input.earlier.get(need);
    if (result === undefined) {
      return {
        open: false,
        status: 'skipped',
        message: `skipped: needs ${need}, which has not run (list it before this check)`,
      };
    }
    if (result.status !== 'passed') {
      const what =
        result.status === 'failed'
          ? 'failed'
          : result.status === 'error'
            ? 'could not run'
            : 'was skipped';
      return { open: false, status: 'skipped', message: `skipped: needs ${need} which ${what}` };
    }
  }
  const kind = input.kind;
  if (kind === undefined) {
    return {
      open: false,
      status: 'error',
      message: `unknown check kind "${input.spec.kind}"; expected a file checks/${input.spec.kind}.ts`,
    };
  }
  const parsed = kind.params.safeParse(input.spec.params);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map(
        (issue) =>
          `params${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
      )
      .join('; ');
    return { open: false, status: 'error', message: `invalid params for ${kind.kind}: ${issues}` };
  }
  if (kind.needsNodeAccess === true && !input.hasNodeAccess) {
    const tried = input.nodeAccessProblem ?? 'no node-access adapter fits this context';
    return {
      open: false,
      status: 'error',
      message:
        `check kind ${kind.kind} needs access to the node's files, but none is available for context ${input.context}: ${tried}. ` +
        'Run on minikube (minikube ssh), kind (docker exec), the local kubelab cluster, or allow a privileged pod; `kubelab doctor` shows what was tried',
    };
  }
  return { open: true, kind, params: parsed.data };
}
