import { ErrorClass, classifyError } from '../watch/error-class.js';
import { ApiError, ClusterUnreachableError } from '../errors.js';

/**
 * A cluster fault: the API server itself did not do its job — nothing answered (connection refused,
 * reset, DNS, the request's own timeout), or it answered 429 or 5xx. Such an error says nothing
 * about a student's work, so a result it touched is never a grade (see src/batch/faults/fault-retry.ts).
 *
 * The classification is error-class.ts's `transient`, less what kubelab does to itself: an abort
 * (Ctrl-C, a check's own deadline) is not the cluster's fault, and a 410 Gone is the watch protocol.
 */
export function isClusterFault(error: unknown): boolean {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return false;
  if (isDocumentError(error)) return false;
  return classifyError(error) === ErrorClass.transient;
}

/** "the cluster was unreachable (connection refused …)", "the API server answered 503 …": for feedback. */
export function describeClusterFault(error: unknown): string {
  if (error instanceof ClusterUnreachableError)
    return `the cluster was unreachable (server ${error.server}: ${error.reason})`;
  if (error instanceof ApiError)
    return `the API server answered ${error.code} ${error.status.reason} to ${error.request.method} ${error.request.path}`;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  return `the connection to the API server failed (${code === undefined ? text : `${code}: ${text}`})`;
}

/**
 * Server-side apply answers 500 to a document it cannot type — a field the schema does not have
 * (`failed to create typed patch object (…): .spec.replica: field not declared in schema`, seen on
 * v1.37.2 for a student's typo). That is the document's fault, not the cluster's: it is reported to
 * the student like any rejected document and graded, never retried as a fault.
 */
const DOCUMENT_FAULT = /failed to create typed patch object|field not declared in schema/;

function isDocumentError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 500 && DOCUMENT_FAULT.test(error.message);
}
