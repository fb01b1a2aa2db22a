import { AbortedError, ApiError, ClusterUnreachableError, isTransientCode } from '../errors.js';

/** How a wait treats an error: relist (410 Gone), retry with backoff, or end now. */
export const ErrorClass = { gone: 'gone', transient: 'transient', permanent: 'permanent' } as const;
export type ErrorClass = (typeof ErrorClass)[keyof typeof ErrorClass];

/** Network codes worth reconnecting after. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

export function classifyError(error: unknown): ErrorClass {
  if (error instanceof AbortedError) return ErrorClass.permanent;
  if (error instanceof ClusterUnreachableError) return ErrorClass.transient;
  const code = error instanceof ApiError ? error.code : statusCodeOf(error);
  if (code !== undefined) {
    if (code === 410) return ErrorClass.gone;
    return isTransientCode(code) ? ErrorClass.transient : ErrorClass.permanent;
  }
  if (error instanceof Error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno !== undefined && TRANSIENT_NETWORK_CODES.has(errno)) return ErrorClass.transient;
    if (error.name === 'FetchError' || error.name === 'AbortError') return ErrorClass.transient;
  }
  return ErrorClass.permanent;
}

/** client-node's Watch sets `statusCode` on errors for non-200 answers. */
function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { statusCode?: unknown; code?: unknown }).statusCode;
  return typeof value === 'number' ? value : undefined;
}
