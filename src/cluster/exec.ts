import { PassThrough, Readable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import type { ExecOptions, ExecResult, KubeObject } from './cluster.js';
import { AbortedError, ApiError } from './errors.js';
import { getObject, type RestContext } from './connect/rest.js';

/** Output beyond this is dropped (a check reads a few lines, not a dump). */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The command did not finish in time; carries what it printed so far. */
export class ExecTimeoutError extends Error {
  override readonly name = 'ExecTimeoutError';
  constructor(
    readonly target: string,
    readonly timeoutMs: number,
    readonly partial: { stdout: string; stderr: string },
  ) {
    super(
      `exec in ${target} did not finish within ${Math.round(timeoutMs / 1000)}s; ` +
        `expected the command to exit. Check that it does not wait for input or loop forever.`,
    );
  }
}

/** Maps a failed exec websocket upgrade (`Unexpected server response: 404`) to ApiError / ClusterUnreachableError. */
function connectError(
  rest: RestContext,
  error: unknown,
  target: { namespace: string; pod: string; container: string },
): Error {
  const message =
    error instanceof Error
      ? error.message
      : String((error as { message?: unknown }).message ?? error);
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH/.test(message)) {
    return rest.transport.unreachable(error instanceof Error ? error : new Error(message));
  }
  const code = Number(/Unexpected server response: (\d+)/.exec(message)?.[1] ?? 500);
  const what = `pod ${target.namespace}/${target.pod} (container ${target.container || 'default'})`;
  const hint =
    code === 404
      ? 'expected the pod to exist: check its name and namespace'
      : code === 400
        ? 'expected a running container of that name: check the container name and that the pod is Running'
        : 'check that the pod is Running and that you may exec into it';
  const status = {
    code,
    reason: code === 404 ? 'NotFound' : code === 403 ? 'Forbidden' : 'BadRequest',
    message: `exec into ${what} refused (HTTP ${code}); ${hint}`,
  };
  return new ApiError(
    status,
    { method: 'GET', path: `/api/v1/namespaces/${target.namespace}/pods/${target.pod}/exec` },
    { cause: error },
  );
}

/** The exit code in the exec status channel: 0 on Success, the ExitCode cause otherwise. */
export function exitCodeOf(status: V1Status | undefined): { exitCode: number; message?: string } {
  if (status === undefined)
    return { exitCode: -1, message: 'the exec stream closed without an exit status' };
  if (status.status === 'Success') return { exitCode: 0 };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  if (cause !== undefined && Number.isInteger(code)) return { exitCode: code };
  // The command could not start (e.g. executable not found): report it like a shell would.
  return { exitCode: 127, message: status.message ?? 'the command could not run' };
}

function collector(): { stream: PassThrough; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    if (size < MAX_OUTPUT_BYTES) chunks.push(chunk.subarray(0, MAX_OUTPUT_BYTES - size));
    size += chunk.length;
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The pod's default container: the kubectl annotation, else the first one. */
async function defaultContainer(
  rest: RestContext,
  namespace: string,
  pod: string,
): Promise<string | undefined> {
  const object = await getObject<KubeObject>(rest, {
    apiVersion: 'v1',
    kind: 'Pod',
    namespace,
    name: pod,
  });
  const annotated = object?.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated !== undefined) return annotated;
  const spec = object?.['spec'] as { containers?: { name: string }[] } | undefined;
  return spec?.containers?.[0]?.name;
}

/** Runs argv in a container over the exec websocket; a non-zero exit is a result, not a throw. */
export async function execInPod(rest: RestContext, options: ExecOptions): Promise<ExecResult> {
  const target = `pod ${options.namespace}/${options.pod}`;
  if (options.signal?.aborted === true) throw new AbortedError(`exec in ${target}`);
  const container =
    options.container ?? (await defaultContainer(rest, options.namespace, options.pod)) ?? '';
  const stdout = collector();
  const stderr = collector();
  const stdin =
    options.stdin === undefined ? null : Readable.from([Buffer.from(options.stdin, 'utf8')]);
  let status: V1Status | undefined;
  // Loaded on first use, so that loading the check kinds (validate) does not load the client.
  const { Exec } = await import('@kubernetes/client-node');
  const exec = new Exec(rest.transport.kc);
  const socket = await exec
    .exec(
      options.namespace,
      options.pod,
      container,
      [...options.command],
      stdout.stream,
      stderr.stream,
      stdin,
      false,
      (s) => {
        status = s;
      },
    )
    .catch((error: unknown) => {
      throw connectError(rest, error, {
        namespace: options.namespace,
        pod: options.pod,
        container,
      });
    });
  return new Promise<ExecResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      socket.close();
      reject(
        new ExecTimeoutError(target, options.timeoutMs, {
          stdout: stdout.text(),
          stderr: stderr.text(),
        }),
      );
    }, options.timeoutMs);
    const onAbort = (): void => {
      cleanup();
      socket.close();
      reject(new AbortedError(`exec in ${target}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('close', () => {
      cleanup();
      const { exitCode, message } = exitCodeOf(status);
      const err = stderr.text();
      resolve({
        exitCode,
        stdout: stdout.text(),
        stderr: message === undefined ? err : `${err}${message}\n`,
      });
    });
  });
}
