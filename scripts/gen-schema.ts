/**
 * `npm run schema`: writes schema/lab.schema.json from the zod Lab schema and the check kinds.
 * The file is committed; test/unit/catalogue/lab-json-schema.test.ts fails when it is stale.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LAB_SCHEMA_PATH } from '../src/catalogue/lab-json-schema.js';
import { packageRoot } from '../src/model/labs-dir.js';
import { loadCheckKinds } from '../src/catalogue/registry.js';
import { schemaFileText } from './schema-text.js';

const kinds = await loadCheckKinds();
const target = join(packageRoot(), LAB_SCHEMA_PATH);
await writeFile(target, await schemaFileText(kinds, target));
console.log(
  `wrote ${LAB_SCHEMA_PATH} (${kinds.size} check kinds: ${[...kinds.keys()].join(', ')})`,
);
