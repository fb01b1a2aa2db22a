import type { z } from 'zod';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.core.$ZodType>;
  readonly element?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly valueType?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

/** Unwraps optional/default/nullable/pipe wrappers down to the schema that gives the data its shape. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

/**
 * The field names an object schema accepts at `path` (e.g. ['checks', 0] → the CheckSpec keys),
 * sorted; [] when the path does not lead to an object schema. Used to suggest the field a typo meant.
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current === undefined) return [];
    const def = defOf(current);
    if (def.type === 'object' && def.shape !== undefined) current = def.shape[String(segment)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
    if (current !== undefined) current = unwrap(current);
  }
  if (current === undefined) return [];
  const def = defOf(current);
  return def.type === 'object' && def.shape !== undefined ? Object.keys(def.shape).sort() : [];
}
