import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { NodeAccessKind } from '../cluster/node-access/node-access.js';
import type { CliIo } from './io.js';
import { defaultLabsDir } from '../model/labs-dir.js';

/** Options every command accepts, as the command runners receive them. */
export interface GlobalOptions {
  /** --kubeconfig; default $KUBECONFIG, then ~/.kube/config. */
  readonly kubeconfig: string | undefined;
  /** --context; default the kubeconfig's current-context. */
  readonly context: string | undefined;
  /** --labs-dir; default $KUBELAB_LABS_DIR, then the labs shipped with kubelab. */
  readonly labsDir: string;
  /** --node-access; default: detected from the context (see src/cluster/node-access). */
  readonly nodeAccess: NodeAccessKind | undefined;
  /** --debug: full cause chains on errors. */
  readonly debug: boolean;
  /** false with --no-color, NO_COLOR set, or when stdout is not a terminal. */
  readonly color: boolean;
}

export const NODE_ACCESS_CHOICES = Object.values(NodeAccessKind);

export function addGlobalOptions(cli: Argv, io: CliIo): Argv<RawGlobals> {
  return cli
    .option('kubeconfig', {
      type: 'string',
      describe: 'Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)',
      global: true,
    })
    .option('context', {
      type: 'string',
      describe: "Kubeconfig context (default: the file's current-context)",
      global: true,
    })
    .option('labs-dir', {
      type: 'string',
      describe:
        'Directory holding <lab>/lab.yaml (default: $KUBELAB_LABS_DIR, then the bundled labs)',
      defaultDescription: io.env['KUBELAB_LABS_DIR'] ?? 'bundled labs',
      global: true,
    })
    .option('node-access', {
      choices: NODE_ACCESS_CHOICES,
      describe: 'How to reach node files for static-pod labs (default: detected from the context)',
      global: true,
    })
    .option('debug', {
      type: 'boolean',
      default: false,
      describe: 'Show the full cause chain of errors',
      global: true,
    })
    .option('color', {
      type: 'boolean',
      default: true,
      describe: 'Colour output (--no-color to disable)',
      global: true,
    })
    .group(
      ['kubeconfig', 'context', 'labs-dir', 'node-access', 'debug', 'color'],
      'Global options:',
    ) as Argv<RawGlobals>;
}

/** The global options as yargs parses them. */
export interface RawGlobals {
  /** An array when given twice (yargs collects repeats); the last one wins, as in kubectl. */
  kubeconfig?: string | string[];
  context?: string | string[];
  'labs-dir'?: string | string[];
  'node-access'?: string | string[];
  debug: boolean;
  color: boolean;
}

export function globalOptions(args: RawGlobals, io: CliIo): GlobalOptions {
  const nodeAccess = last(args['node-access']);
  const labsDir = last(args['labs-dir']);
  const noColorEnv = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
  return {
    kubeconfig: last(args.kubeconfig),
    context: last(args.context),
    labsDir: resolve(io.cwd, labsDir ?? io.env['KUBELAB_LABS_DIR'] ?? defaultLabsDir()),
    nodeAccess: isNodeAccessKind(nodeAccess) ? nodeAccess : undefined,
    debug: args.debug,
    color: args.color && !noColorEnv && io.stdout.isTTY === true,
  };
}

function isNodeAccessKind(value: string | undefined): value is NodeAccessKind {
  return value !== undefined && (NODE_ACCESS_CHOICES as readonly string[]).includes(value);
}

function last(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}
