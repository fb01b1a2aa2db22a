import type { CheckKind } from '../check-api/check-kind.js';
import type { LabIssue } from '../model/lab-issue.js';
import type { YamlDocument } from '../model/safe-yaml.js';
import { didYouMean } from '../model/suggest.js';
import { toLabIssues } from '../model/zod-issues.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks what only the check registry knows, on the lab.yaml as written (so these issues come out
 * together with the schema's): every `kind` exists, its `params` match the kind's own schema, kinds
 * that write to nodes are in a lab with `nodeAccess: true`, and `timeouts` keys are kinds or `default`.
 */
export function checkKindIssues(options: {
  readonly raw: unknown;
  readonly kinds: ReadonlyMap<string, CheckKind>;
  readonly file: string;
  readonly document: YamlDocument;
}): LabIssue[] {
  const { raw, kinds, file, document } = options;
  if (!isRecord(raw)) return [];
  const known = [...kinds.keys()].sort();
  const issues: LabIssue[] = [];
  const at = (path: readonly (string | number)[], pathText: string, message: string): void => {
    const line = document.lineOf(path);
    issues.push({ file, path: pathText, message, ...(line === undefined ? {} : { line }) });
  };
  const checks = Array.isArray(raw.checks) ? raw.checks : [];
  checks.forEach((check: unknown, index) => {
    if (!isRecord(check) || typeof check.kind !== 'string') return;
    const kind = kinds.get(check.kind);
    if (kind === undefined) {
      const hint = didYouMean(check.kind, known) || `; expected one of ${known.join(', ')}`;
      at(
        ['checks', index, 'kind'],
        `checks[${index}].kind`,
        `unknown check kind ${JSON.stringify(check.kind)}${hint}`,
      );
      return;
    }
    const result = kind.params.safeParse(check.params ?? {}, { reportInput: true });
    if (!result.success) {
      issues.push(
        ...toLabIssues(result.error.issues, {
          file,
          document,
          schema: kind.params,
          prefix: ['checks', index, 'params'],
        }),
      );
    }
    if (kind.needsNodeAccess === true && raw.nodeAccess !== true) {
      at(
        ['checks', index, 'kind'],
        `checks[${index}].kind`,
        `kind "${kind.kind}" writes to a node; expected \`nodeAccess: true\` at the top of this lab`,
      );
    }
  });
  if (isRecord(raw.timeouts)) {
    for (const key of Object.keys(raw.timeouts).sort()) {
      if (key === 'default' || kinds.has(key)) continue;
      const hint =
        didYouMean(key, ['default', ...known]) ||
        `; expected "default" or a check kind (${known.join(', ')})`;
      at(['timeouts', key], `timeouts.${key}`, `unknown timeout key ${JSON.stringify(key)}${hint}`);
    }
  }
  return issues;
}
