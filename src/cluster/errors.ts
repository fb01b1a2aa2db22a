/**
 * The errors src/cluster throws. Each has a stable `name`, keeps the original as `cause`, and says
 * what was expected, what was observed and what to try.
 */

/** The API server's `Status` object (kind: Status), as far as kubelab reads it. */
export interface ApiStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly {
      readonly reason?: string;
      readonly message?: string;
      readonly field?: string;
    }[];
  };
}

/** No usable kubeconfig, unknown context, or no current context. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  constructor(
    message: string,
    readonly details: {
      readonly file: string | undefined;
      readonly contexts: readonly string[];
      /** What to run instead of the default `--context …` / `--kubeconfig` advice. */
      readonly tryLine?: string;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Nothing answered at the context's server: connection refused, DNS, TLS, timeout. */
export class ClusterUnreachableError extends Error {
  override readonly name = 'ClusterUnreachableError';
  constructor(
    readonly context: string,
    readonly server: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `cluster unreachable: context "${context}" (server ${server}): ${reason}. ` +
        `Expected the API server to answer; check that the cluster is running ` +
        `(\`kubectl --context ${context} get nodes\`) or pick another context with --context.`,
      options,
    );
  }
}

/** The API server answered with an error Status (anything but 403, which is ForbiddenError). */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  constructor(
    readonly status: ApiStatus,
    readonly request: { readonly method: string; readonly path: string },
    options?: { cause?: unknown },
  ) {
    super(
      `${request.method} ${request.path}: ${status.code} ${status.reason}: ${status.message}`,
      options,
    );
  }
  get code(): number {
    return this.status.code;
  }
}

/** 403: names who may not do what, on which resource, in which namespace. */
export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  readonly user: string | undefined;
  readonly verb: string | undefined;
  readonly resource: string | undefined;
  readonly namespace: string | undefined;
  constructor(status: ApiStatus, request: { readonly method: string; readonly path: string }) {
    super(status, request);
    const parsed = parseForbidden(status.message);
    this.user = parsed.user;
    this.verb = parsed.verb;
    this.resource = parsed.resource;
    this.namespace = parsed.namespace;
    const who = this.user === undefined ? 'the current user' : `user "${this.user}"`;
    const what = `${this.verb ?? request.method.toLowerCase()} ${this.resource ?? request.path}`;
    const where =
      this.namespace === undefined ? ' (cluster-wide)' : ` in namespace "${this.namespace}"`;
    this.message =
      `forbidden: ${who} may not ${what}${where}. The API server said: ${status.message}. ` +
      `Use a context whose user has that right, or ask the cluster admin for a RoleBinding.`;
  }
}

export interface ForbiddenParts {
  readonly user?: string;
  readonly verb?: string;
  readonly resource?: string;
  readonly namespace?: string;
}

/** Reads `User "x" cannot list resource "pods" in API group "" in the namespace "ns"`. */
export function parseForbidden(message: string): ForbiddenParts {
  const user = /User "([^"]*)"/.exec(message)?.[1];
  const action = /cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?/.exec(message);
  const namespace = /in the namespace "([^"]+)"/.exec(message)?.[1];
  const group = action?.[3];
  const resource =
    action?.[2] === undefined
      ? undefined
      : group !== undefined && group !== ''
        ? `${action[2]}.${group}`
        : action[2];
  return { user, verb: action?.[1], resource, namespace };
}

/** A wait's deadline passed: carries the condition, its last pending errors and the last objects seen. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly lastErrors: readonly string[],
    /** The last observed objects, as short YAML. */
    readonly lastObserved: string,
    options?: { cause?: unknown },
  ) {
    const seconds = Math.round(timeoutMs / 1000);
    const why =
      lastErrors.length > 0 ? `: ${lastErrors.join('; ')}` : ': nothing matching was observed';
    super(`timed out after ${seconds}s waiting for ${description}${why}`, options);
  }
}

/** A wait ended early: its condition can no longer be met. */
export class WaitImpossibleError extends Error {
  override readonly name = 'WaitImpossibleError';
  constructor(
    readonly description: string,
    readonly reason: string,
    readonly lastObserved: string,
  ) {
    super(`gave up waiting for ${description}: ${reason}`);
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} was interrupted`, options);
  }
}

/** Converts the body of a failed response into a Status, whatever it holds. */
export function statusFromBody(code: number, body: string): ApiStatus {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && parsed['kind'] === 'Status') {
      return {
        code: typeof parsed['code'] === 'number' ? parsed['code'] : code,
        reason: typeof parsed['reason'] === 'string' ? parsed['reason'] : 'Unknown',
        message: typeof parsed['message'] === 'string' ? parsed['message'] : body.slice(0, 500),
        details: isRecord(parsed['details'])
          ? (parsed['details'] as ApiStatus['details'])
          : undefined,
      };
    }
  } catch {
    // not JSON: fall through to a Status built from the text
  }
  return {
    code,
    reason: reasonForCode(code),
    message: body.trim().slice(0, 500) || `HTTP ${code}`,
  };
}

function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    410: 'Expired',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}

/** The error for a non-2xx answer: ForbiddenError for 403, ApiError otherwise. */
export function apiErrorFor(
  code: number,
  body: string,
  request: { method: string; path: string },
): ApiError {
  const status = statusFromBody(code, body);
  return code === 403 ? new ForbiddenError(status, request) : new ApiError(status, request);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 429, 5xx: worth retrying. */
export function isTransientCode(code: number): boolean {
  return code === 429 || code >= 500;
}
