import { format, resolveConfig } from 'prettier';
import type { CheckKind } from '../src/check-api/check-kind.js';
import { labJsonSchemaText } from '../src/catalogue/lab-json-schema.js';

/** The committed schema file's exact text: the generated JSON, formatted as `prettier --check` wants it. */
export async function schemaFileText(
  kinds: ReadonlyMap<string, CheckKind>,
  path: string,
): Promise<string> {
  const config = (await resolveConfig(path)) ?? {};
  return format(labJsonSchemaText(kinds), { ...config, filepath: path });
}
