import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import {
  CLEANUP_TIMEOUT_MS,
  CLUSTER_SCOPED_KINDS,
  cleanupAll,
  cleanupSelector,
} from '../../cluster/cleanup.js';
import { formatDuration } from '../../model/duration.js';
import { UnknownKindError } from '../../cluster/discovery.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { connectCluster } from '../connect-cluster.js';
import { durationOption } from '../duration-option.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { commandHeads } from './heads.js';

export interface CleanupOptions {
  readonly globals: GlobalOptions;
  /** --lab: only this lab's namespaces and objects. */
  readonly labId: string | undefined;
  /** --user: only this student's (batch grading). */
  readonly user: string | undefined;
  /** --yes: delete; without it, only list what would be deleted. */
  readonly yes: boolean;
  /** --timeout: how long to wait for the objects to go before reporting them stuck (ms). */
  readonly timeoutMs: number;
}

/** Deletes what kubelab labelled; without --yes, lists it. Stuck namespaces are reported, never waited on forever. */
export async function runCleanup(options: CleanupOptions, ctx: CliContext): Promise<ExitCode> {
  const { cluster, info } = await connectCluster(options.globals, ctx);
  const filter = { labId: options.labId, user: options.user };
  const out = ctx.io.stdout;
  if (!options.yes) {
    const targets = await cleanupTargets(cluster, { ...filter, signal: ctx.signal });
    if (targets.length === 0) {
      out.write(
        `nothing to delete: no kubelab objects match ${cleanupSelector(filter)} in context ${info.context}\n`,
      );
      return ExitCode.ok;
    }
    out.write(`would delete in context ${info.context} (${info.server}):\n`);
    for (const target of targets) out.write(`  ${target}\n`);
    out.write(
      `run again with --yes to delete ${targets.length === 1 ? 'it' : `these ${targets.length}`}\n`,
    );
    return ExitCode.ok;
  }
  const summary = await cleanupAll(cluster, {
    ...filter,
    timeoutMs: options.timeoutMs,
    signal: ctx.signal,
  });
  for (const deleted of summary.deleted) out.write(`deleted ${deleted}\n`);
  for (const stuck of summary.stuck) out.write(`stuck   ${stuck.object}: ${stuck.reason}\n`);
  if (summary.deleted.length === 0 && summary.stuck.length === 0) {
    out.write(`nothing to delete: no kubelab objects match ${cleanupSelector(filter)}\n`);
  }
  if (summary.stuck.length > 0) {
    ctx.io.stderr.write(
      `kubelab: ${summary.stuck.length} object(s) still terminating after the deadline\n` +
        `try: \`kubectl get <object> -o yaml\` for its finalizers, then \`kubelab cleanup --yes\` again\n`,
    );
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** What cleanupAll would delete: `namespace/kubelab-probes`, …, sorted. */
async function cleanupTargets(
  cluster: Cluster,
  filter: { labId: string | undefined; user: string | undefined; signal: AbortSignal },
): Promise<string[]> {
  const { signal } = filter;
  const labelSelector = cleanupSelector({ labId: filter.labId, user: filter.user });
  const labels: string[] = [];
  for (const kind of [{ apiVersion: 'v1', kind: 'Namespace' }, ...CLUSTER_SCOPED_KINDS]) {
    const objects: KubeObject[] = await cluster
      .list({ ...kind, labelSelector }, signal)
      .catch((error: unknown) => {
        if (error instanceof UnknownKindError) return [];
        throw error;
      });
    for (const object of objects)
      labels.push(`${kind.kind.toLowerCase()}/${object.metadata.name ?? '?'}`);
  }
  return labels.sort();
}

interface CleanupArgs extends RawGlobals {
  lab?: string;
  user?: string;
  yes: boolean;
  timeout?: string;
}

const cleanup: CommandFactory = (ctx) =>
  defineCommand<CleanupArgs>({
    ...commandHeads.cleanup,
    builder: (cli) =>
      cli
        .option('lab', { type: 'string', describe: "Only this lab's objects" })
        .option('user', { type: 'string', describe: "Only this student's objects (batch grading)" })
        .option('yes', {
          alias: 'y',
          type: 'boolean',
          default: false,
          describe: 'Delete (without it: list only)',
        })
        .option('timeout', {
          type: 'string',
          describe: 'How long to wait for deletions before reporting what is stuck (90s, 2m)',
          defaultDescription: formatDuration(CLEANUP_TIMEOUT_MS),
        })
        .example('kubelab cleanup', 'list what would be deleted')
        .example(
          'kubelab cleanup --lab probes --yes',
          "delete the probes lab's namespaces and objects",
        ),
    handler: (args) => {
      const options: CleanupOptions = {
        globals: globalOptions(args, ctx.io),
        labId: args.lab,
        user: args.user,
        yes: args.yes,
        timeoutMs:
          args.timeout === undefined
            ? CLEANUP_TIMEOUT_MS
            : durationOption('--timeout', args.timeout),
      };
      ctx.dispatch({ command: 'cleanup', options, run: () => runCleanup(options, ctx) });
    },
  });

export default cleanup;
