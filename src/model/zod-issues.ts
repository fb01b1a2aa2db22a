import type { z } from 'zod';
import { formatPath, type LabIssue } from './lab-issue.js';
import { knownKeysAt } from './schema-keys.js';
import { didYouMean } from './suggest.js';
import type { YamlDocument } from './safe-yaml.js';

export interface ToLabIssuesOptions {
  readonly file: string;
  /** The parsed document, for line numbers. */
  readonly document?: YamlDocument;
  /** The schema that produced the issues, for suggesting field names. */
  readonly schema: z.core.$ZodType;
  /** Where the validated value sits in the document (e.g. ['checks', 2, 'params']). */
  readonly prefix?: readonly PropertyKey[];
}

/** zod 4 issues → LabIssues with paths (`checks[2].points`), short messages and lines. */
export function toLabIssues(
  issues: readonly z.core.$ZodIssue[],
  options: ToLabIssuesOptions,
): LabIssue[] {
  const prefix = options.prefix ?? [];
  const out: LabIssue[] = [];
  const push = (path: readonly PropertyKey[], message: string): void => {
    const full = [...prefix, ...path];
    const line = options.document?.lineOf(full);
    out.push({
      file: options.file,
      path: formatPath(full),
      message,
      ...(line === undefined ? {} : { line }),
    });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(options.schema, issue.path);
      for (const key of issue.keys) {
        const expected = known.length > 0 ? `; expected one of ${known.join(', ')}` : '';
        push([...issue.path, key], `unknown field${didYouMean(key, known) || expected}`);
      }
    } else {
      push(issue.path, shortMessage(issue));
    }
  }
  return out;
}

const PREFIXES =
  /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid element): /;

function shortMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `missing; expected ${issue.expected}`;
  }
  if (issue.code === 'invalid_union') {
    const expected = issue.errors
      .map((branch) => branch[0])
      .filter((first) => first !== undefined && first.code === 'invalid_type')
      .map((first) => (first as { expected: string }).expected);
    const received = /received (\w+)$/.exec(issue.errors[0]?.[0]?.message ?? '')?.[1];
    if (expected.length === issue.errors.length && received !== undefined) {
      return `expected ${[...new Set(expected)].join(' or ')}, received ${received}`;
    }
    const first = issue.errors.flat()[0];
    return first === undefined
      ? 'does not match any allowed form'
      : first.message.replace(PREFIXES, '');
  }
  const message = issue.message.replace(PREFIXES, '');
  if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
    const values = issue.values.filter((v): v is string => typeof v === 'string');
    return `${message}, got ${JSON.stringify(issue.input)}${didYouMean(issue.input, values)}`;
  }
  return message;
}
