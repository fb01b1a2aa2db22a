import type { FieldError } from '../../src/check-api/index.js';

/**
 * Chainsaw-style partial matching: `expected` is a partial object; every field it names must be
 * present in `actual` with the same value. Returns every mismatch as a field error with its path
 * (`spec.template.spec.containers[0].livenessProbe: missing`), never a bare boolean.
 *
 * - Objects: only the keys of `expected` are compared (extra keys in `actual` are fine).
 * - `null` in `expected` asserts the field is absent (or null).
 * - Arrays whose expected elements all have a string `name` are matched by name, wherever the
 *   element sits in `actual`; other arrays are matched element-wise and must have the same length.
 * - Scalars are compared strictly (`1` does not match `"1"`).
 */
export function matchPartial(expected: unknown, actual: unknown, path = ''): FieldError[] {
  if (expected === null) {
    return actual === undefined || actual === null
      ? []
      : [{ path: label(path), message: `expected absent, found ${show(actual)}` }];
  }
  if (actual === undefined || actual === null) {
    return [{ path: label(path), message: 'missing' }];
  }
  if (Array.isArray(expected)) return matchArray(expected, actual, path);
  if (isPlainObject(expected)) return matchObject(expected, actual, path);
  if (expected === actual) return [];
  return [{ path: label(path), message: `expected ${show(expected)}, found ${show(actual)}` }];
}

function matchObject(
  expected: Record<string, unknown>,
  actual: unknown,
  path: string,
): FieldError[] {
  if (!isPlainObject(actual)) {
    return [{ path: label(path), message: `expected an object, found ${describeType(actual)}` }];
  }
  const errors: FieldError[] = [];
  for (const key of Object.keys(expected).sort()) {
    errors.push(...matchPartial(expected[key], actual[key], join(path, key)));
  }
  return errors;
}

function matchArray(expected: readonly unknown[], actual: unknown, path: string): FieldError[] {
  if (!Array.isArray(actual)) {
    return [{ path: label(path), message: `expected a list, found ${describeType(actual)}` }];
  }
  const byName = expected.length > 0 && expected.every((item) => typeof nameOf(item) === 'string');
  if (byName) {
    const errors: FieldError[] = [];
    for (const item of expected) {
      const name = nameOf(item) as string;
      const index = actual.findIndex((candidate) => nameOf(candidate) === name);
      if (index < 0) {
        errors.push({ path: `${label(path)}[name=${name}]`, message: 'missing' });
      } else {
        errors.push(...matchPartial(item, actual[index], `${path}[${index}]`));
      }
    }
    return errors;
  }
  if (expected.length !== actual.length) {
    return [
      {
        path: label(path),
        message: `expected ${expected.length} item(s), found ${actual.length}: ${show(actual)}`,
      },
    ];
  }
  return expected.flatMap((item, index) => matchPartial(item, actual[index], `${path}[${index}]`));
}

function nameOf(value: unknown): unknown {
  return isPlainObject(value) ? value['name'] : undefined;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function label(path: string): string {
  return path === '' ? '(root)' : path;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value} ${show(value)}`;
}

const MAX_SHOWN = 120;

/** A short JSON rendering of a value for messages. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
