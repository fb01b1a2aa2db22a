import { CLEANUP_TIMEOUT_MS, cleanupSelector } from '../../cluster/cleanup/cleanup.js';
import { CleanupRuns } from '../../cluster/cleanup/cleanup-plan.js';
import { formatDuration } from '../../model/duration.js';
import { LabValidationError } from '../../model/lab-issue.js';
import { loadLab, type LoadedLab } from '../../catalogue/load-lab.js';
import { UnknownLabError } from '../../model/unknown-lab-error.js';
import { planRunCleanup, planTargets, runRunCleanup } from '../../session/run-cleanup.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { connectCluster } from '../connect-cluster.js';
import { durationOption } from '../duration-option.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { commandHeads } from './heads.js';
import { closeNodeAccess, nodeAccessFor } from '../node-access-for.js';

export interface CleanupOptions {
  readonly globals: GlobalOptions;
  /** --lab: only this lab's namespaces and objects. */
  readonly labId: string | undefined;
  /** --user: only this student's (batch grading). */
  readonly user: string | undefined;
  /** --all-runs: also other runs' objects (`kubelab verify`, `kubelab grade`); default: only your own session's. */
  readonly allRuns: boolean;
  /** --yes: delete; without it, only list what would be deleted. */
  readonly yes: boolean;
  /** --timeout: how long to wait for the objects to go before reporting them stuck (ms). */
  readonly timeoutMs: number;
}

/**
 * Deletes what kubelab made for your own session (or, with --user / --all-runs, for grading and
 * verify runs); without --yes, lists it. Names what it leaves and why. Stuck namespaces are
 * reported, never waited on forever.
 */
export async function runCleanup(options: CleanupOptions, ctx: CliContext): Promise<ExitCode> {
  const { cluster, info } = await connectCluster(options.globals, ctx);
  const out = ctx.io.stdout;
  const plan = await planRunCleanup({
    cluster,
    labId: options.labId,
    user: options.user,
    runs: options.allRuns || options.user !== undefined ? CleanupRuns.all : CleanupRuns.session,
    session: {
      loadLab: (id) => labOrNothing(id, options.globals.labsDir),
      nodeFor: () =>
        nodeAccessFor({
          cluster,
          needed: true,
          override: options.globals.nodeAccess,
          signal: ctx.signal,
        }),
    },
    signal: ctx.signal,
  });
  try {
    const targets = planTargets(plan);
    const selector = cleanupSelector({ labId: options.labId, user: options.user });
    if (targets.length === 0) {
      out.write(
        `nothing to delete: no kubelab objects of yours match ${selector} in context ${info.context}\n`,
      );
      for (const note of plan.left) out.write(`${note}\n`);
      return ExitCode.ok;
    }
    if (!options.yes) {
      out.write(`would delete in context ${info.context} (${info.server}):\n`);
      for (const target of targets) out.write(`  ${target}\n`);
      for (const note of plan.left) out.write(`${note}\n`);
      out.write(
        `run again with --yes to delete ${targets.length === 1 ? 'it' : `these ${targets.length}`}\n`,
      );
      return ExitCode.ok;
    }
    const result = await runRunCleanup(cluster, plan, {
      timeoutMs: options.timeoutMs,
      signal: ctx.signal,
    });
    for (const path of result.removedFiles) out.write(`deleted node file ${path}\n`);
    for (const deleted of result.deleted) out.write(`deleted ${deleted}\n`);
    for (const stuck of result.stuck) out.write(`stuck   ${stuck.object}: ${stuck.reason}\n`);
    for (const note of plan.left) out.write(`${note}\n`);
    if (result.stuck.length > 0) {
      ctx.io.stderr.write(
        `kubelab: ${result.stuck.length} object(s) still terminating after the deadline\n` +
          `try: \`kubectl get <object> -o yaml\` for its finalizers, then \`kubelab cleanup --yes\` again\n`,
      );
      return ExitCode.failed;
    }
    return ExitCode.ok;
  } finally {
    await closeNodeAccess(plan.node);
  }
}

/** The lab, or undefined when the id names none (or a broken one): its labelled objects still go. */
async function labOrNothing(
  id: string,
  labsDir: string | undefined,
): Promise<LoadedLab | undefined> {
  try {
    return await loadLab(id, { labsDir });
  } catch (error) {
    if (error instanceof UnknownLabError || error instanceof LabValidationError) return undefined;
    throw error;
  }
}

interface CleanupArgs extends RawGlobals {
  lab?: string;
  user?: string;
  'all-runs': boolean;
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
        .option('all-runs', {
          type: 'boolean',
          default: false,
          describe: 'Also the objects of verify and grade runs (in progress or interrupted)',
        })
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
          "delete your probes lab's namespace and objects",
        )
        .example(
          'kubelab cleanup --all-runs --yes',
          'also what interrupted verify and grade runs left',
        ),
    handler: (args) => {
      const options: CleanupOptions = {
        globals: globalOptions(args, ctx.io),
        labId: args.lab,
        user: args.user,
        allRuns: args['all-runs'],
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
