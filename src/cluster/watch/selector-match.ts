import type { KubeObject, ListRef } from '../cluster.js';

/** Tells whether an object belongs to a ListRef's collection, as the API server would decide. */
export type ObjectMatcher = (object: KubeObject) => boolean;

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

/**
 * The client-side equivalent of a list's namespace, labelSelector and fieldSelector, for sharing
 * one cluster-wide watch among many waits; `namespaced` says whether the kind has namespaces (the
 * API server ignores a ref's namespace for cluster-scoped kinds). Undefined when the selectors
 * cannot be evaluated here exactly (a field other than metadata.name / metadata.namespace, a
 * selector the grammar refuses): the caller then asks the API server itself.
 */
export function matcherFor(
  ref: ListRef,
): ((options: { namespaced: boolean }) => ObjectMatcher) | undefined {
  const labels = parseLabelSelector(ref.labelSelector ?? '');
  const fields = parseFieldSelector(ref.fieldSelector ?? '');
  if (labels === undefined || fields === undefined) return undefined;
  return ({ namespaced }) =>
    (object) => {
      const meta = object.metadata;
      if (namespaced && ref.namespace !== undefined && meta.namespace !== ref.namespace)
        return false;
      const values: Record<string, string | undefined> = {
        'metadata.name': meta.name,
        'metadata.namespace': meta.namespace ?? '',
      };
      if (!fields.every((f) => (values[f.field] === f.value) === f.equal)) return false;
      const objectLabels = meta.labels ?? {};
      return labels.every((requirement) => requirement(objectLabels));
    };
}

const FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** `metadata.name=web-0,metadata.namespace!=x`; undefined for fields not evaluable here. */
export function parseFieldSelector(
  text: string,
): { field: string; value: string; equal: boolean }[] | undefined {
  const result: { field: string; value: string; equal: boolean }[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const match = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (match === null || !FIELDS.has(match[1] as string)) return undefined;
    result.push({ field: match[1] as string, value: match[3] as string, equal: match[2] !== '!=' });
  }
  return result;
}

const KEY = String.raw`(?:[a-z0-9A-Z.-]+\/)?[a-z0-9A-Z](?:[-a-z0-9A-Z_.]*[a-z0-9A-Z])?`;
const VALUE = String.raw`(?:[a-z0-9A-Z](?:[-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?`;
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const COMPARE = new RegExp(`^(${KEY})\\s*(<|>)\\s*(-?[0-9]+)$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

/**
 * Parses a label selector with the API server's grammar (k8s.io/apimachinery labels.Parse):
 * `a`, `!a`, `a=b`, `a==b`, `a!=b`, `a in (b,c)`, `a notin (b,c)`, `a>1`, `a<1`, comma-separated.
 * Undefined when the text is not a selector the server would accept.
 */
export function parseLabelSelector(text: string): Requirement[] | undefined {
  const requirements: Requirement[] = [];
  for (const part of splitRequirements(text)) {
    const requirement = parseRequirement(part);
    if (requirement === undefined) return undefined;
    requirements.push(requirement);
  }
  return requirements;
}

/** Splits at the commas outside parentheses; blank text is no requirement at all. */
function splitRequirements(text: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function parseRequirement(part: string): Requirement | undefined {
  const exists = EXISTS.exec(part);
  if (exists !== null) {
    const [, not, key] = exists as unknown as [string, string, string];
    return (labels) => Object.hasOwn(labels, key) !== (not === '!');
  }
  const equality = EQUALITY.exec(part);
  if (equality !== null) {
    const [, key, operator, value] = equality as unknown as [string, string, string, string];
    return operator === '!='
      ? (labels) => labels[key] !== value
      : (labels) => Object.hasOwn(labels, key) && labels[key] === value;
  }
  const set = SET.exec(part);
  if (set !== null) {
    const [, key, operator, list] = set as unknown as [string, string, string, string];
    const values = list.split(',').map((v) => v.trim());
    if (values.some((v) => !VALUE_ONLY.test(v))) return undefined;
    const members = new Set(values);
    return operator === 'in'
      ? (labels) => Object.hasOwn(labels, key) && members.has(labels[key] as string)
      : (labels) => !Object.hasOwn(labels, key) || !members.has(labels[key] as string);
  }
  const compare = COMPARE.exec(part);
  if (compare !== null) {
    const [, key, operator, bound] = compare as unknown as [string, string, string, string];
    return (labels) => {
      const value = labels[key];
      if (value === undefined || !/^-?[0-9]+$/.test(value)) return false;
      return operator === '>' ? Number(value) > Number(bound) : Number(value) < Number(bound);
    };
  }
  return undefined;
}
