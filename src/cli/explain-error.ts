import { YAMLError } from 'yaml';
import {
  AbortedError,
  ApiError,
  ClusterUnreachableError,
  ForbiddenError,
  KubeconfigError,
} from '../cluster/errors.js';
import { DuplicateSubmissionError } from '../batch/intake/duplicate-submission-error.js';
import { OutputDirError } from '../batch/outputs/output-dir.js';
import { FileTooLargeError } from '../model/bounded-read.js';
import { LabValidationError } from '../model/lab-issue.js';
import { NotTextError } from '../model/not-text-error.js';
import { YamlSyntaxError } from '../model/yaml-syntax-error.js';
import { ExitCode } from './exit-codes.js';
import { UnknownLabError } from '../model/unknown-lab-error.js';
import { FileConflictError, InterruptedError, UsageError } from './errors.js';
import { PassMarkError } from './pass-mark.js';

/** What the top-level handler prints for an error, and the exit code it ends with. */
export interface Explained {
  /** One line after `kubelab: `. */
  readonly message: string;
  /** What to try, shown as `try: …`. */
  readonly tryLine: string | undefined;
  readonly exitCode: ExitCode;
}

/** Maps any thrown value to its message, `try:` line and exit code. */
export function explainError(error: unknown): Explained {
  const usage = (message: string, tryLine: string | undefined): Explained => ({
    message,
    tryLine,
    exitCode: ExitCode.error,
  });
  if (error instanceof InterruptedError || error instanceof AbortedError) {
    return { message: error.message, tryLine: undefined, exitCode: ExitCode.interrupted };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    // A request or timer cancelled by the Ctrl-C signal (DOMException AbortError from fetch, timers).
    return { message: 'interrupted (Ctrl-C)', tryLine: undefined, exitCode: ExitCode.interrupted };
  }
  if (error instanceof UsageError) return usage(error.message, error.hint);
  if (error instanceof PassMarkError)
    return usage(error.message, 'kubelab check <lab> --pass-mark 80%');
  if (error instanceof UnknownLabError) {
    const tryLine =
      error.known.length === 0
        ? '--labs-dir <directory holding <lab>/lab.yaml>'
        : 'kubelab list (every lab id)';
    return usage(error.message, tryLine);
  }
  if (error instanceof FileConflictError) {
    return usage(
      error.message,
      `keep your copies, or \`--force\` to replace them with the starter`,
    );
  }
  if (error instanceof ClusterUnreachableError) {
    return usage(
      error.message,
      `\`kubectl --context ${error.context} get nodes\`, then \`kubelab doctor --context ${error.context}\``,
    );
  }
  if (error instanceof ForbiddenError) {
    return usage(
      error.message,
      'a context with that right (--context), or a RoleBinding from the cluster admin',
    );
  }
  if (error instanceof KubeconfigError) {
    const contexts = error.details.contexts;
    const tryLine =
      error.details.tryLine ??
      (contexts.length > 0
        ? `--context ${[...contexts].sort().join(' | ')}`
        : '--kubeconfig <file>, or set KUBECONFIG');
    return usage(error.message, tryLine);
  }
  if (error instanceof ApiError) return usage(error.message, 'kubelab doctor');
  if (error instanceof YamlSyntaxError) {
    return usage(
      `malformed YAML: ${error.message}`,
      'fix the YAML at that position (indentation, quotes, a missing colon)',
    );
  }
  if (error instanceof LabValidationError)
    return usage(error.message, 'kubelab validate --labs-dir <dir>');
  if (error instanceof FileTooLargeError) return usage(error.message, 'a smaller file');
  if (error instanceof NotTextError) return usage(error.message, 'a plain UTF-8 text file');
  if (error instanceof OutputDirError)
    return usage(error.message, '--out <a folder you can write to>');
  if (error instanceof DuplicateSubmissionError)
    return usage(error.message, "remove or rename one of them, or fix the roster's id column");
  const yaml = findYamlError(error);
  if (yaml !== undefined)
    return usage(yaml, 'fix the YAML at that position (indentation, quotes, a missing colon)');
  const message = error instanceof Error ? error.message : String(error);
  return usage(message, 'run again with --debug for the full cause chain');
}

/** A malformed-YAML error anywhere in the cause chain, as `file:line:column: message`. */
function findYamlError(error: unknown): string | undefined {
  let file: string | undefined;
  for (const item of causeChain(error)) {
    if (file === undefined) file = fileOf(item);
    if (item instanceof YAMLError) {
      const pos = item.linePos?.[0];
      const where = pos === undefined ? '' : `${pos.line}:${pos.col}: `;
      const reason = item.message.split('\n')[0] ?? item.message;
      const prefix = file === undefined ? '' : `${file}:`;
      return `${prefix}${where}malformed YAML: ${reason}`;
    }
  }
  return undefined;
}

function fileOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const file = record['file'] ?? record['path'] ?? record['source'];
  return typeof file === 'string' ? file : undefined;
}

/** The error and its causes, outermost first (bounded, in case of a cycle). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && chain.length < 16 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}
