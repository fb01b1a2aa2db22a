import type { LogsOptions } from './cluster.js';
import { ApiError } from './errors.js';
import { encodeSegment } from './connect/resource-path.js';
import type { RestContext } from './connect/rest.js';

/** Logs are cut to this many bytes: reports show an excerpt, not the whole history. */
const LIMIT_BYTES = 256 * 1024;

/**
 * What the kubelet sends, with status 200, instead of a log whose file it already removed (a
 * crash-looping container's older instances are garbage-collected): that log is empty, not this text.
 */
const LOG_FILE_GONE =
  /^(unable to retrieve container logs for \S+|failed to try resolving symlinks in path "[^"]*": [^\n]*)\n?$/;

/** Is this 200 body the kubelet's note that the log file is gone, rather than a log? */
export function isLogFileGone(body: string): boolean {
  return LOG_FILE_GONE.test(body);
}

/**
 * A container's log (current or previous instance). A previous instance that does not exist
 * ("previous terminated container not found"), or whose log file is gone, is an empty string, not an error.
 */
export async function podLogs(rest: RestContext, options: LogsOptions): Promise<string> {
  const path = `/api/v1/namespaces/${encodeSegment(options.namespace)}/pods/${encodeSegment(options.pod)}/log`;
  const response = await rest.transport.request({
    method: 'GET',
    path,
    query: {
      container: options.container,
      previous: options.previous === true ? 'true' : undefined,
      tailLines: options.tailLines === undefined ? undefined : String(options.tailLines),
      limitBytes: String(LIMIT_BYTES),
    },
  });
  if (response.status >= 200 && response.status < 300) {
    return isLogFileGone(response.body) ? '' : response.body;
  }
  if (
    options.previous === true &&
    response.status === 400 &&
    /previous terminated container/.test(response.body)
  ) {
    return '';
  }
  throw apiError(response.status, response.body, path);
}

function apiError(status: number, body: string, path: string): ApiError {
  return new ApiError(
    { code: status, reason: status === 404 ? 'NotFound' : 'BadRequest', message: messageOf(body) },
    { method: 'GET', path },
  );
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // plain text
  }
  return body.trim().slice(0, 500);
}
