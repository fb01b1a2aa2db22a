import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { AbortedError, apiErrorFor, ClusterUnreachableError, isTransientCode } from '../errors.js';
import { FaultLog } from '../faults/fault-log.js';

/** Default per-request timeout: an API call that takes longer than this means the server is not answering. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Responses larger than this are refused (no API answer kubelab reads is anywhere near it). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RawRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the server URL, starting with '/'. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  /** Default application/json when a body is sent. */
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Default REQUEST_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

export interface RawResponse {
  readonly status: number;
  readonly body: string;
}

export interface TransportOptions {
  /** Where cluster faults (unreachable, 429, 5xx) are counted. Default: a log of its own. */
  readonly faults?: FaultLog;
}

/**
 * Authenticated raw HTTP to one context's API server: bodies go out exactly as given (no typed
 * serializer in between). Network failures become ClusterUnreachableError naming context and server.
 * Every cluster fault it meets (and those its users report through `noteFault`) goes to `faults`.
 */
export class Transport {
  private agent: http.Agent | undefined;
  readonly faults: FaultLog;

  constructor(
    readonly kc: KubeConfig,
    readonly context: string,
    readonly server: string,
    options: TransportOptions = {},
  ) {
    this.faults = options.faults ?? new FaultLog();
  }

  /** Sends the request; any HTTP status resolves. Throws only when nothing usable came back. */
  async request(req: RawRequest): Promise<RawResponse> {
    if (req.signal?.aborted === true) throw new AbortedError(`${req.method} ${req.path}`);
    const opts: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(opts);
    this.agent ??= opts.agent instanceof http.Agent ? opts.agent : undefined;
    const url = new URL(this.server + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
    }
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      // Node sends a DELETE body without a length (no chunked encoding for DELETE), and the API
      // server then reads none: DeleteOptions (grace period, preconditions) would be lost.
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    const timeoutMs = req.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise<RawResponse>((resolve, reject) => {
      const request = lib.request(
        url,
        {
          method: req.method,
          headers,
          agent: this.agent ?? opts.agent,
          auth: opts.auth,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES)
              request.destroy(new Error(`response larger than ${MAX_BODY_BYTES} bytes`));
            else chunks.push(chunk);
          });
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const body = Buffer.concat(chunks).toString('utf8');
            if (isTransientCode(status))
              this.noteFault(apiErrorFor(status, body, { method: req.method, path: req.path }));
            resolve({ status, body });
          });
          response.on('error', (error) => reject(this.failure(req, error)));
        },
      );
      const onAbort = (): void => {
        request.destroy();
        reject(new AbortedError(`${req.method} ${req.path}`));
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      // One deadline for the whole exchange (connect, TLS handshake, headers, body). Node's
      // `timeout` request option is a socket idle timer instead: against a server that accepts TCP
      // and never answers the TLS handshake it fired at twice its value (60 s for 30 s on Node 20).
      const deadline = setTimeout(
        () =>
          request.destroy(
            Object.assign(new Error(`no answer within ${timeoutMs / 1000}s`), {
              code: 'ETIMEDOUT',
            }),
          ),
        timeoutMs,
      );
      request.on('close', () => {
        clearTimeout(deadline);
        req.signal?.removeEventListener('abort', onAbort);
      });
      request.on('error', (error) => reject(this.failure(req, error)));
      request.end(req.body);
    });
  }

  /** Sends the request and parses a 2xx JSON answer; a non-2xx answer throws ApiError/ForbiddenError. */
  async json<T>(req: RawRequest): Promise<T> {
    const response = await this.request(req);
    if (response.status < 200 || response.status >= 300) {
      throw apiErrorFor(response.status, response.body, { method: req.method, path: req.path });
    }
    return JSON.parse(response.body) as T;
  }

  /** A request that broke: aborted by its caller (nobody's fault), or the cluster unreachable. */
  private failure(req: RawRequest, error: Error): Error {
    if (req.signal?.aborted === true)
      return new AbortedError(`${req.method} ${req.path}`, { cause: error });
    return this.unreachable(error);
  }

  unreachable(error: Error): ClusterUnreachableError {
    const unreachable = new ClusterUnreachableError(
      this.context,
      this.server,
      describeNetworkError(error),
      { cause: error },
    );
    this.noteFault(unreachable);
    return unreachable;
  }

  /** Counts `error` in `faults` when it is a cluster fault (for streams this class does not carry). */
  noteFault(error: unknown): void {
    this.faults.record(error);
  }
}

/** A short human cause for a socket-level failure. */
export function describeNetworkError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens at that address)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS lookup failed (${code})`;
  if (code === 'ETIMEDOUT') return `timed out: ${error.message}`;
  if (code === 'ECONNRESET') return 'connection reset by the server';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable (${code})`;
  if (
    /CERT|SELF_SIGNED|TLS|SSL|SIGNATURE/i.test(code) ||
    /certificate|tls|ssl/i.test(error.message)
  ) {
    return `TLS handshake failed: ${error.message}`;
  }
  return code === '' ? error.message : `${code}: ${error.message}`;
}
