import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { buildLabIndex } from '../../../src/catalogue/build-lab-index.js';
import type { LabIndex } from '../../../src/catalogue/lab-index.js';
import { labSummaries } from '../../../src/catalogue/lab-list.js';
import { defaultLabsDir } from '../../../src/model/labs-dir.js';
import { tempLabs, validLabYaml, type TempLabs } from '../model/lab-fixture.js';

/** `index` with each summary's title replaced: a summary that says where it came from. */
function marked(index: LabIndex): LabIndex {
  return Object.fromEntries(
    Object.entries(index).map(([id, entry]) => [
      id,
      { ...entry, summary: { ...entry.summary, title: 'from the index' } },
    ]),
  );
}

/**
 * `name: message` of the error `promise` rejects with. By name, not instanceof: under mocha the
 * tests' static imports and the dynamic import of load-lab.js are separate module instances.
 */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) =>
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  );
}

describe('the lab index', () => {
  let labs: TempLabs;
  beforeEach(async () => {
    labs = await tempLabs();
  });
  afterEach(() => labs.remove());

  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

  it('gives the summary of a lab whose files are those it was built from, without parsing them', async () => {
    const dir = await labs.add('probes', validLabYaml());
    await writeFile(join(dir, 'solution', 'pod.yaml'), POD);
    const index = await buildLabIndex(labs.dir);
    expect(await labSummaries(labs.dir, index)).to.deep.equal([
      { id: 'probes', title: 'Probes', points: 100, checks: 2 },
    ]);
    expect((await labSummaries(labs.dir, marked(index)))[0]?.title).to.equal('from the index');
  });

  it('loads a lab whose lab.yaml changed since', async () => {
    const dir = await labs.add('probes', validLabYaml());
    const index = marked(await buildLabIndex(labs.dir));
    await writeFile(
      join(dir, 'lab.yaml'),
      validLabYaml().replace('title: Probes', 'title: Edited'),
    );
    expect((await labSummaries(labs.dir, index))[0]?.title).to.equal('Edited');
  });

  it('reports a manifest broken since the index was built, as list without an index does', async () => {
    const dir = await labs.add('probes', validLabYaml());
    await writeFile(join(dir, 'solution', 'pod.yaml'), POD);
    const index = marked(await buildLabIndex(labs.dir));
    await writeFile(join(dir, 'solution', 'pod.yaml'), 'kind: [\n');
    expect(await failureOf(labSummaries(labs.dir, index))).to.match(
      /^LabValidationError: lab "probes" is not valid \(1 problem\)[^]*solution\/pod\.yaml:\d+: invalid YAML/,
    );
  });

  it('loads a lab whose README went missing since, and reports it', async () => {
    const index = marked(await buildLabIndex(labs.dir));
    await labs.add('probes', validLabYaml(), { without: ['README.fr.md'] });
    expect(await failureOf(labSummaries(labs.dir, index))).to.match(
      /^LabValidationError: lab "probes" is not valid \(1 problem\)[^]*README\.fr\.md is missing/,
    );
  });

  it("never gives one lab's entry to a directory of another name", async () => {
    await labs.add('probes', validLabYaml());
    const index = marked(await buildLabIndex(labs.dir));
    const other = await tempLabs();
    try {
      await other.add('probes-copy', validLabYaml('probes-copy'));
      const renamed: LabIndex = { 'probes-copy': index['probes'] ?? expect.fail('no entry') };
      expect((await labSummaries(other.dir, renamed))[0]?.title).to.equal('Probes');
    } finally {
      await other.remove();
    }
  });

  it('leaves out a lab that does not validate, so list reports it', async () => {
    await labs.add('probes', validLabYaml().replace('points: 60', 'points: 55'));
    expect(await buildLabIndex(labs.dir)).to.deep.equal({});
  });
});

describe('listing the shipped labs through their index', function () {
  // Whole processes that compile the sources through tsx.
  this.timeout(120_000);

  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const hook = join(root, 'test', 'support', 'module-log', 'register.mjs');

  /** The modules a process resolved while listing the shipped labs with `index` (a JSON file). */
  async function modulesLoadedListing(dir: string, index: string): Promise<string[]> {
    const log = join(dir, `modules-${Date.now()}.log`);
    const script = [
      "import { readFileSync } from 'node:fs';",
      `const { labSummaries } = await import(${JSON.stringify(join(root, 'src/catalogue/lab-list.ts'))});`,
      `const index = JSON.parse(readFileSync(${JSON.stringify(index)}, 'utf8'));`,
      `const labs = await labSummaries(${JSON.stringify(defaultLabsDir())}, index);`,
      "if (labs.length === 0) throw new Error('no labs listed');",
    ].join('\n');
    await promisify(execFile)(
      process.execPath,
      ['--import', hook, '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, env: { ...process.env, KUBELAB_MODULE_LOG: log } },
    );
    return (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  }

  const parsers = (modules: readonly string[]): string[] =>
    modules.filter((url) =>
      /\/node_modules\/(yaml|zod)\/|\/src\/catalogue\/load-lab\.ts$/.test(url),
    );

  it('loads neither the YAML parser nor the lab schema when every lab is indexed', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-lab-index-'));
    try {
      const index = await buildLabIndex(defaultLabsDir());
      expect(Object.keys(index).length, 'shipped labs indexed').to.be.greaterThan(10);
      await writeFile(join(dir, 'index.json'), JSON.stringify(index));
      await writeFile(join(dir, 'empty.json'), '{}');
      expect(parsers(await modulesLoadedListing(dir, join(dir, 'index.json')))).to.deep.equal([]);
      // Control: without the index, the same listing loads them.
      expect(parsers(await modulesLoadedListing(dir, join(dir, 'empty.json')))).not.to.deep.equal(
        [],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
