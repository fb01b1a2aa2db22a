import { execa } from 'execa';
import type { NodeAccess, NodeAccessKind } from './node-access.js';
import { checkRemovableTree, MAX_NODE_FILE_BYTES, NodePathError } from './paths.js';

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs argv on the node (through ssh, docker exec or a pod), with optional stdin. */
export type NodeRunner = (
  argv: readonly string[],
  options: { input?: string; signal?: AbortSignal },
) => Promise<CommandResult>;

/** A node command failed: says which adapter, which command, and what it printed. */
export class NodeCommandError extends Error {
  override readonly name = 'NodeCommandError';
  constructor(
    readonly adapter: NodeAccessKind,
    readonly argv: readonly string[],
    readonly result: CommandResult,
  ) {
    super(
      `on the node (${adapter}): \`${argv.join(' ')}\` exited ${result.exitCode}: ` +
        `${result.stderr.trim() || result.stdout.trim() || 'no output'}. ` +
        `Expected it to succeed; check the node access (--node-access) and the path.`,
    );
  }
}

/**
 * NodeAccess over a command runner, with coreutils on the node (cat, tee, mv, rm, test, ls, mkdir,
 * all of which busybox has). `checkPath` validates a path and maps it to the runner's view
 * (e.g. /host prefix in a pod).
 */
export function commandNodeAccess(options: {
  kind: NodeAccessKind;
  nodeName: string;
  run: NodeRunner;
  checkPath: (path: string) => string;
}): NodeAccess {
  const { kind, nodeName, run, checkPath } = options;
  const must = async (
    argv: string[],
    extra: { input?: string; signal?: AbortSignal } = {},
  ): Promise<CommandResult> => {
    const result = await run(argv, extra);
    if (result.exitCode !== 0) throw new NodeCommandError(kind, argv, result);
    return result;
  };
  const exists = async (path: string, signal?: AbortSignal): Promise<boolean> =>
    (await run(['test', '-e', checkPath(path)], { signal })).exitCode === 0;
  return {
    kind,
    nodeName,
    exists,
    async readFile(path, signal) {
      const file = checkPath(path);
      if (!(await exists(path, signal))) return undefined;
      const text = (await must(['head', '-c', String(MAX_NODE_FILE_BYTES + 1), file], { signal }))
        .stdout;
      if (Buffer.byteLength(text) > MAX_NODE_FILE_BYTES)
        throw new NodePathError(path, `larger than ${MAX_NODE_FILE_BYTES} bytes`);
      return text;
    },
    async writeFile(path, content, signal) {
      const file = checkPath(path);
      const dir = file.slice(0, file.lastIndexOf('/')) || '/';
      const temporary = `${dir}/.kubelab-write.tmp`;
      await must(['mkdir', '-p', dir], { signal });
      await must(['tee', temporary], { input: content, signal });
      await must(['mv', '-f', temporary, file], { signal });
    },
    async move(from, to, signal) {
      await must(['mv', '-f', checkPath(from), checkPath(to)], { signal });
    },
    async remove(path, signal) {
      await must(['rm', '-f', checkPath(path)], { signal });
    },
    async removeTree(path, signal) {
      // Checked as a removable tree first, then mapped to the runner's view (a pod's /host…).
      await must(['rm', '-rf', '--', checkPath(checkRemovableTree(path))], { signal });
    },
    async list(dir, signal) {
      const path = checkPath(dir);
      if (!(await exists(dir, signal))) return [];
      const out = (await must(['ls', '-1A', path], { signal })).stdout;
      return out
        .split('\n')
        .filter((line) => line !== '')
        .sort();
    },
  };
}

/** A NodeRunner that runs a local program (minikube, docker) with `args(argv)`, argv only, no local shell. */
export function processRunner(options: {
  file: string;
  args: (argv: readonly string[]) => string[];
  timeoutMs: number;
}): NodeRunner {
  return async (argv, { input, signal }) => {
    const result = await execa(options.file, options.args(argv), {
      input,
      reject: false,
      cancelSignal: signal,
      timeout: options.timeoutMs,
      stripFinalNewline: false,
    });
    return {
      exitCode: result.exitCode ?? 1,
      stdout: String(result.stdout),
      stderr: String(result.stderr),
    };
  };
}
