import { join, resolve } from 'node:path';
import type { Cluster, ServerInfo } from '../cluster/cluster.js';
import type { NodeAccessKind } from '../cluster/node-access/node-access.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { scopeFor } from '../model/scope.js';
import type { LabReport, Report } from '../report/model.js';
import { labReport, report } from '../report/score.js';
import { labSession } from '../session/lab-session.js';
import { UsageError } from './errors.js';
import type { OutputStream } from './io.js';
import { closeNodeAccess, nodeAccessFor } from './node-access-for.js';
import { kubelabVersion } from './package-info.js';
import { progressDisplay } from './progress.js';

export interface RunChecksOptions {
  readonly cluster: Cluster;
  readonly info: ServerInfo;
  readonly labs: readonly LoadedLab[];
  /** The submission directory of a lab (answers.yaml, static/). */
  readonly submissionDir: (labId: string) => string;
  readonly nodeAccess: NodeAccessKind | undefined;
  /** In points. */
  readonly passMark: (maxScore: number) => number;
  /** Where progress goes, and whether it is live (listr2) or one line per check. */
  readonly progress: { readonly stream: OutputStream; readonly live: boolean };
  /** `check <lab>` refuses a lab that was never started; `check --all` reports it as not run. */
  readonly requireStarted: boolean;
  readonly signal: AbortSignal;
  readonly startedAt: Date;
}

/** Runs each lab's checks against its namespace (kubelab-<lab>) and builds the report. */
export async function runChecks(options: RunChecksOptions): Promise<Report> {
  const labs: LabReport[] = [];
  for (const loaded of options.labs) {
    if (options.signal.aborted) break;
    labs.push(await runOne(loaded, options));
  }
  const maxScore = labs.reduce((sum, lab) => sum + lab.maxScore, 0);
  return report({
    header: {
      tool: `kubelab ${kubelabVersion()}`,
      context: options.info.context,
      server: options.info.server,
      serverVersion: options.info.gitVersion,
      startedAt: options.startedAt.toISOString(),
    },
    labs,
    passMark: options.passMark(maxScore),
  });
}

async function runOne(loaded: LoadedLab, options: RunChecksOptions): Promise<LabReport> {
  const { lab } = loaded;
  const scope = scopeFor(lab.id);
  const namespace = await options.cluster.get(
    { apiVersion: 'v1', kind: 'Namespace', name: scope.namespace },
    options.signal,
  );
  if (namespace === undefined) {
    const message = `namespace ${scope.namespace} does not exist: the lab was not started`;
    if (options.requireStarted) throw new UsageError(message, `kubelab start ${lab.id}`);
    return labReport({ lab, namespace: scope.namespace, results: [], durationMs: 0, message });
  }
  const { node, nodeAccessProblem } = await nodeAccessFor({
    cluster: options.cluster,
    needed: lab.nodeAccess,
    override: options.nodeAccess,
    signal: options.signal,
  });
  const display = progressDisplay({
    labId: lab.id,
    checks: lab.checks,
    stream: options.progress.stream,
    live: options.progress.live,
    columns: options.progress.stream.columns,
  });
  try {
    // The student prepared and applied it (kubelab start, kubectl apply): the session only runs.
    const session = labSession({
      cluster: options.cluster,
      loaded,
      scope,
      node,
      signal: options.signal,
    });
    return await session.run({
      submissionDir: options.submissionDir(lab.id),
      nodeAccessProblem,
      onEvent: (event) => display.onEvent(event),
    });
  } finally {
    await display.finish();
    await closeNodeAccess(node);
  }
}

/** ./kubelab-work/<lab>, or <dir>/<lab> for `check --all --dir <dir>`, or <dir> for one lab. */
export function submissionDirFor(options: {
  cwd: string;
  dir: string | undefined;
  all: boolean;
}): (labId: string) => string {
  return (labId) => {
    if (options.dir === undefined) return join(options.cwd, 'kubelab-work', labId);
    return options.all
      ? join(resolve(options.cwd, options.dir), labId)
      : resolve(options.cwd, options.dir);
  };
}
