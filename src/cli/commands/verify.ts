import { defaultConcurrency } from '../../batch/schedule/concurrency.js';
import { runPool } from '../../batch/schedule/pool.js';
import { displayPath } from '../../model/labs-dir.js';
import { loadAllLabs, loadLab } from '../../catalogue/load-lab.js';
import type { LoadedLab } from '../../catalogue/load-lab.js';
import { installAdmissionPolicy } from '../../runner/install-admission.js';
import { verifyLab } from '../../session/verify.js';
import type { VerifyEvent, VerifyResult } from '../../session/verify.js';
import { verifyReport } from '../../session/verify-report.js';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { concurrencyOption } from '../concurrency-option.js';
import { connectCluster } from '../connect-cluster.js';
import { InterruptedError, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import type { OutputStream } from '../io.js';
import { closeNodeAccess, nodeAccessFor } from '../node-access-for.js';
import { OrderedOutput } from '../ordered-output.js';
import { kubelabVersion } from '../package-info.js';
import { resultSuffix } from '../progress.js';
import type { ReportTarget } from '../report-targets.js';
import { FILE_FORMATS, planReportTargets, writeReportFiles } from '../report-targets.js';
import { writerFor } from '../../report/writers.js';
import { verifyLine } from '../verify-line.js';
import { commandHeads } from './heads.js';

export interface VerifyOptions {
  readonly globals: GlobalOptions;
  /** Lab ids; empty with --all. */
  readonly labIds: readonly string[];
  readonly all: boolean;
  readonly targets: readonly ReportTarget[];
  /** Labs verified at once; undefined: from the node's allocatable memory and CPU (src/batch/schedule/concurrency.ts). */
  readonly concurrency: number | undefined;
}

/**
 * Proves each lab: solution scores 100, starter fails exactly what it claims. Labs run
 * `concurrency` at a time (each in its own namespaces); their lines print in lab order. Exit 1 on
 * any mismatch.
 */
export async function runVerify(options: VerifyOptions, ctx: CliContext): Promise<ExitCode> {
  const { globals } = options;
  const labs: LoadedLab[] = options.all
    ? await loadAllLabs({ labsDir: globals.labsDir })
    : await Promise.all(
        [...new Set(options.labIds)].sort().map((id) => loadLab(id, { labsDir: globals.labsDir })),
      );
  const { cluster, info } = await connectCluster(globals, ctx);
  // Solutions are proven under the same admission policy as graded submissions.
  await installAdmissionPolicy(cluster, ctx.signal);
  const concurrency = options.concurrency ?? (await defaultConcurrency(cluster, ctx.signal));
  ctx.io.stderr.write(
    `verifying ${labs.length} lab(s), concurrency ${concurrency}, on ${info.context}\n`,
  );
  const startedAt = new Date();
  const finished: (VerifyResult | undefined)[] = labs.map(() => undefined);
  const output = new OrderedOutput((text) => ctx.io.stdout.write(text));
  await runPool({
    items: labs.map((loaded, index) => ({ loaded, index })),
    concurrency,
    signal: ctx.signal,
    // Labs that write node files (static pods) take turns on the node, as in batch grading.
    exclusiveKey: ({ loaded }) => (loaded.lab.nodeAccess ? 'node' : undefined),
    work: async ({ loaded, index }) => {
      const access = await nodeAccessFor({
        cluster,
        needed: loaded.lab.nodeAccess,
        override: globals.nodeAccess,
        signal: ctx.signal,
      });
      const result = await verifyLab({
        cluster,
        lab: loaded,
        node: access.node,
        nodeAccessProblem: access.nodeAccessProblem,
        signal: ctx.signal,
        onEvent: (event) => progressLine(event, ctx.io.stderr),
      }).finally(() => closeNodeAccess(access.node));
      finished[index] = result;
      const expected = loaded.lab.verify?.starterFails ?? [];
      output.finish(
        index,
        verifyLine(result, { expectedStarterFails: expected, color: globals.color }),
      );
    },
  });
  // In lab order; labs an interruption kept from starting are left out.
  const results = finished.filter((result) => result !== undefined);
  const header = {
    tool: `kubelab ${kubelabVersion()}`,
    context: info.context,
    server: info.server,
    serverVersion: info.gitVersion,
    startedAt: startedAt.toISOString(),
  };
  const report = verifyReport(results, header);
  const toStdout = options.targets.find((target) => target.file === undefined);
  if (toStdout !== undefined)
    ctx.io.stdout.write(
      writerFor(toStdout.format).render(report, { audience: 'instructor', color: false }),
    );
  for (const file of await writeReportFiles(report, options.targets, { audience: 'instructor' }))
    ctx.io.stderr.write(`wrote ${displayPath(file, ctx.io.cwd)}\n`);
  if (ctx.signal.aborted) throw new InterruptedError('verify');
  return results.every((result) => result.ok) && results.length > 0 ? ExitCode.ok : ExitCode.failed;
}

/** One stderr line per phase step and per finished check, so a long CI run shows where it is. */
function progressLine(event: VerifyEvent, stream: OutputStream): void {
  if (event.type === 'phase') stream.write(`  ${event.labId} ${event.phase}: ${event.activity}\n`);
  else if (event.type === 'check-end' && event.result !== undefined) {
    stream.write(
      `  ${event.labId} ${event.phase}: ${event.result.status} ${event.checkId}  ${resultSuffix(event.result)}\n`,
    );
  }
}

interface VerifyArgs extends RawGlobals {
  labs: string[];
  all: boolean;
  report: string[];
  out?: string;
  'out-dir'?: string;
  concurrency?: number;
}

const verify: CommandFactory = (ctx) =>
  defineCommand<VerifyArgs>({
    ...commandHeads.verify,
    builder: (cli) =>
      cli
        .positional('labs', { type: 'string', array: true, default: [], describe: 'Lab ids' })
        .option('all', { type: 'boolean', default: false, describe: 'Verify every lab' })
        .option('report', {
          type: 'string',
          array: true,
          default: [],
          describe: `Also write a report: ${FILE_FORMATS.join(', ')}`,
        })
        .option('out', { type: 'string', describe: 'File for the --report' })
        .option('out-dir', { type: 'string', describe: 'Directory for several --report files' })
        .option('concurrency', {
          type: 'number',
          describe: 'Labs verified at once (default: from node capacity)',
        })
        .example('kubelab verify probes', 'verify one lab')
        .example('kubelab verify --all --report junit --out verify.xml', 'CI: every lab, JUnit XML')
        .example('kubelab verify --all --concurrency 4', 'four labs at a time'),
    handler: (args) => {
      if (args.all === args.labs.length > 0) {
        throw new UsageError(
          'expected lab ids or --all (not both)',
          'kubelab verify <lab..>, or kubelab verify --all',
        );
      }
      const options: VerifyOptions = {
        globals: globalOptions(args, ctx.io),
        labIds: args.labs,
        all: args.all,
        concurrency: concurrencyOption(args.concurrency),
        targets: planReportTargets({
          reports: args.report,
          out: args.out,
          outDir: args['out-dir'],
          cwd: ctx.io.cwd,
        }),
      };
      ctx.dispatch({ command: 'verify', options, run: () => runVerify(options, ctx) });
    },
  });

export default verify;
