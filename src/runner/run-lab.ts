import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { CheckKind } from '../check-api/check-kind.js';
import type { Lab } from '../model/lab.js';
import type { CheckResult } from '../model/result.js';
import type { Scope } from '../model/scope.js';
import type { LabReport } from '../report/model.js';
import { labReport } from '../report/score.js';
import { loadCheckKinds } from '../catalogue/registry.js';
import { runCheck, type RunCheckOptions } from './run-check.js';

/** What the progress display (listr2 in the CLI) is told while a lab runs. */
export interface RunEvent {
  readonly type: 'check-start' | 'check-progress' | 'check-end';
  readonly labId: string;
  readonly checkId: string;
  readonly title: string;
  /** check-progress: what the check is doing now ("waiting for 2 pod(s) of Deployment web …"). */
  readonly activity?: string;
  /** check-end: the scored result. */
  readonly result?: CheckResult;
}

export interface RunLabOptions {
  readonly cluster: Cluster;
  /** A loaded lab (src/catalogue/load-lab.ts LoadedLab fits). */
  readonly lab: { readonly lab: Lab };
  readonly scope: Scope;
  readonly submissionDir: string;
  readonly node: NodeAccess | undefined;
  /** Which node-access adapter was tried and why none fits, shown by checks that need one. */
  readonly nodeAccessProblem?: string;
  /** Ctrl-C: the remaining checks are skipped ("interrupted") and runLab returns promptly. */
  readonly signal: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  /** Check kinds. Default: loadCheckKinds(). */
  readonly kinds?: ReadonlyMap<string, CheckKind>;
  /** For tests: replaces the diagnostics and the clock of every check. */
  readonly diagnose?: RunCheckOptions['diagnose'];
  readonly now?: () => number;
}

/**
 * Runs a lab's checks one after the other, in lab.yaml order, against the scope's namespace (the
 * manifests are already applied). Each result is reported through `onEvent` as it finishes. Never
 * throws for a check: every check ends as passed, failed, error or skipped.
 */
export async function runLab(options: RunLabOptions): Promise<LabReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { lab } = options.lab;
  const kinds = options.kinds ?? (await loadCheckKinds());
  const results = new Map<string, CheckResult>();
  const checks: CheckResult[] = [];
  for (const spec of lab.checks) {
    const base = { labId: lab.id, checkId: spec.id, title: spec.title };
    options.onEvent?.({ type: 'check-start', ...base });
    const result = await runCheck({
      spec,
      kind: kinds.get(spec.kind),
      lab,
      scope: options.scope,
      cluster: options.cluster,
      node: options.node,
      nodeAccessProblem: options.nodeAccessProblem,
      submissionDir: options.submissionDir,
      signal: options.signal,
      earlier: results,
      onProgress: (activity) => options.onEvent?.({ type: 'check-progress', ...base, activity }),
      diagnose: options.diagnose,
      now,
    });
    results.set(spec.id, result);
    checks.push(result);
    options.onEvent?.({ type: 'check-end', ...base, result });
  }
  return labReport({
    lab,
    namespace: options.scope.namespace,
    results: checks,
    durationMs: now() - started,
  });
}
