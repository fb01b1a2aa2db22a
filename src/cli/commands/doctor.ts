import { join } from 'node:path';
import type { CliContext, CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import { dnsLookup } from '../doctor/dns-lookup.js';
import { dnsService } from '../doctor/dns-service.js';
import type { DoctorItem } from '../doctor/item.js';
import { notOk } from '../doctor/item.js';
import { probeCluster } from '../doctor/kubeconfig.js';
import { labImages } from '../doctor/lab-images.js';
import { nodeAccessItem } from '../doctor/node-access.js';
import { nodesReady } from '../doctor/nodes-ready.js';
import type { DoctorLine } from '../doctor/render.js';
import { doctorPassed, renderDoctor } from '../doctor/render.js';
import { storageClassItem } from '../doctor/storage-class.js';
import { explainError } from '../explain-error.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions, RawGlobals } from '../global-options.js';
import { globalOptions } from '../global-options.js';
import { commandHeads } from './heads.js';

export interface DoctorOptions {
  readonly globals: GlobalOptions;
}

/** The items after kubeconfig and reachability, in display order. */
const CLUSTER_ITEMS: readonly DoctorItem[] = [
  nodesReady,
  storageClassItem,
  dnsService,
  dnsLookup,
  nodeAccessItem,
  labImages,
];

export async function runDoctor(options: DoctorOptions, ctx: CliContext): Promise<ExitCode> {
  const { globals } = options;
  const probe = await probeCluster(
    { kubeconfig: globals.kubeconfig, context: globals.context, env: ctx.io.env },
    ctx.signal,
  );
  const lines: DoctorLine[] = [
    { title: 'kubeconfig and context', required: true, verdict: probe.kubeconfig },
    { title: 'cluster reachable', required: true, verdict: probe.reachable },
  ];
  for (const item of CLUSTER_ITEMS) {
    if (probe.cluster === undefined) {
      lines.push({ title: item.title, required: item.required, verdict: undefined });
      continue;
    }
    const env = {
      cluster: probe.cluster,
      signal: ctx.signal,
      imagesFile: join(globals.labsDir, 'images.yaml'),
      nodeAccess: globals.nodeAccess,
    };
    const verdict = await item.run(env).catch((error: unknown) => {
      if (ctx.signal.aborted) throw error;
      const explained = explainError(error);
      return notOk(explained.message, explained.tryLine ?? 'kubelab doctor --debug');
    });
    lines.push({ title: item.title, required: item.required, verdict });
  }
  ctx.io.stdout.write(renderDoctor(lines, { color: globals.color }));
  // No kubeconfig context or no answer: doctor could not run its checks, and exits as every
  // command facing the same cluster does (2, could not run), not as "checks failed" (1).
  if (probe.cluster === undefined) return ExitCode.error;
  return doctorPassed(lines) ? ExitCode.ok : ExitCode.failed;
}

const doctor: CommandFactory = (ctx) =>
  defineCommand<RawGlobals>({
    ...commandHeads.doctor,
    builder: (cli) =>
      cli
        .example('kubelab doctor', 'check the current kubeconfig context')
        .example('kubelab doctor --context minikube', 'check another context'),
    handler: (args) => {
      const options: DoctorOptions = { globals: globalOptions(args, ctx.io) };
      ctx.dispatch({ command: 'doctor', options, run: () => runDoctor(options, ctx) });
    },
  });

export default doctor;
