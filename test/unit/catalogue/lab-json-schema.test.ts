import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { LAB_SCHEMA_PATH, labJsonSchema } from '../../../src/catalogue/lab-json-schema.js';
import { packageRoot } from '../../../src/model/labs-dir.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { schemaFileText } from '../../../scripts/schema-text.js';
import { testKinds } from '../model/lab-fixture.js';

/** The kinds whose `then` branch (params) differs, or that one side lacks: the actionable part of a stale file. */
function changedKinds(committedText: string, freshText: string): string[] {
  const branches = (text: string): Map<string, string> => {
    const schema = JSON.parse(text) as {
      properties?: { checks?: { items?: { allOf?: unknown[] } } };
    };
    const entries = (schema.properties?.checks?.items?.allOf ?? []).map((branch) => {
      const kind = (branch as { if?: { properties?: { kind?: { const?: string } } } }).if
        ?.properties?.kind?.const;
      return [kind ?? '?', JSON.stringify(branch)] as const;
    });
    return new Map(entries);
  };
  const [before, after] = [branches(committedText), branches(freshText)];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.filter((name) => before.get(name) !== after.get(name));
}

describe('the lab.yaml JSON Schema', () => {
  it('is committed exactly as `npm run schema` generates it now', async function () {
    this.timeout(60_000); // imports every check kind under checks/
    const path = join(packageRoot(), LAB_SCHEMA_PATH);
    const committed = await readFile(path, 'utf8');
    const fresh = await schemaFileText(await loadCheckKinds(), path);
    const changed = committed === fresh ? [] : changedKinds(committed, fresh);
    expect(
      committed === fresh,
      `${LAB_SCHEMA_PATH} is stale (check kinds changed: ${changed.join(', ') || 'none; the lab schema did'}): ` +
        'run `npm run schema` and commit it',
    ).to.equal(true);
  });

  it('describes lab.yaml as written: durations as text or seconds, defaults optional', () => {
    const schema = labJsonSchema(testKinds) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.required).to.deep.equal(['id', 'title', 'summary', 'checks']);
    expect(schema.properties.podSecurity?.default).to.equal('baseline');
    expect(JSON.stringify(schema.properties.timeouts)).to.include('"type":"string"');
  });

  it('lists the check kinds and each kind’s params', () => {
    const text = JSON.stringify(labJsonSchema(testKinds));
    expect(text).to.include(
      '{"const":"static-pod-mirror","description":"A static pod has a mirror pod."}',
    );
    expect(text).to.include('"enum":["Deployment","StatefulSet"]');
    expect(text).to.include(
      '"propertyNames":{"enum":["default","static-pod-mirror","workload-ready"]}',
    );
  });
});
