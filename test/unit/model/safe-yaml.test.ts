import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileTooLargeError, MAX_FILE_BYTES } from '../../../src/model/bounded-read.js';
import { parseYaml, readYamlFile } from '../../../src/model/safe-yaml.js';
import { YamlSyntaxError } from '../../../src/model/yaml-syntax-error.js';

function syntaxError(text: string): YamlSyntaxError {
  try {
    parseYaml(text, { file: 'lab.yaml' });
  } catch (error) {
    expect(error).to.be.instanceOf(YamlSyntaxError);
    return error as YamlSyntaxError;
  }
  throw new Error('expected a YamlSyntaxError');
}

/** Ten anchors, each a list of ten aliases to the previous one: 10^10 nodes once expanded. */
function aliasBomb(): string {
  let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++)
    text += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}

describe('safe YAML parsing', () => {
  it('parses every document of a multi-document stream with its first line', () => {
    const docs = parseYaml('a: 1\n---\n# comment\nb: [x, y]\n', { file: 'm.yaml' });
    expect(docs.map((d) => d.value)).to.deep.equal([{ a: 1 }, { b: ['x', 'y'] }]);
    expect(docs.map((d) => d.line)).to.deep.equal([1, 4]);
  });

  it('gives an empty list for an empty text', () => {
    expect(parseYaml('', { file: 'e.yaml' })).to.deep.equal([]);
  });

  it('reports a syntax error as file:line:column with the parser message', () => {
    const error = syntaxError('id: probes\nchecks: [a, b\ntitle: x\n');
    expect(error.name).to.equal('YamlSyntaxError');
    expect(error.message).to.match(/^lab\.yaml:3:1: .*Flow sequence/);
    expect([error.line, error.column]).to.deep.equal([3, 1]);
  });

  it('rejects duplicate keys at the line of the second one', () => {
    expect(syntaxError('id: a\ntitle: x\nid: b\n').message).to.equal(
      'lab.yaml:3:1: Map keys must be unique',
    );
  });

  it('rejects custom tags and YAML 1.1 tags instead of resolving them', () => {
    expect(syntaxError('a: !shell rm -rf /\n').message).to.match(
      /^lab\.yaml:1:4: Unresolved tag: !shell: expected plain YAML/,
    );
    expect(syntaxError('a: !!binary aGVsbG8=\n').message).to.match(
      /^lab\.yaml:1:4: Unresolved tag/,
    );
  });

  it('rejects an alias bomb quickly, pointing at its first alias', () => {
    const started = performance.now();
    const error = syntaxError(aliasBomb());
    expect(performance.now() - started).to.be.below(500);
    expect(error.message).to.match(/^lab\.yaml:2:\d+: too many aliases: expected at most 100/);
  });

  it('still accepts a few ordinary anchors and aliases', () => {
    const [doc] = parseYaml('base: &b {x: 1}\nuse: *b\n', { file: 'a.yaml' });
    expect(doc?.value).to.deep.equal({ base: { x: 1 }, use: { x: 1 } });
  });

  it('rejects a text over 1 MiB before parsing it', () => {
    const text = `a: "${'x'.repeat(MAX_FILE_BYTES)}"\n`;
    expect(() => parseYaml(text, { file: 'big.yaml' }))
      .to.throw(FileTooLargeError)
      .with.property('message')
      .that.matches(/^big\.yaml is larger than 1 MiB; expected a small text file/);
  });

  it('rejects a file over 1 MiB without reading all of it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-yaml-'));
    try {
      await writeFile(join(dir, 'big.yaml'), `a: "${'x'.repeat(2 * MAX_FILE_BYTES)}"\n`);
      const error = await readYamlFile(join(dir, 'big.yaml'), { file: 'labs/x/big.yaml' }).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(FileTooLargeError);
      expect((error as FileTooLargeError).file).to.equal('labs/x/big.yaml');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds the line of a path, or of its nearest existing parent', () => {
    const [doc] = parseYaml(
      'id: x\nchecks:\n  - id: a\n    points: "3"\n  - id: b\n    params:\n      name: web\n',
      {
        file: 'lab.yaml',
      },
    );
    expect(doc?.lineOf(['checks', 0, 'points'])).to.equal(4);
    expect(doc?.lineOf(['checks', 1, 'params', 'name'])).to.equal(7);
    expect(doc?.lineOf(['checks', 1, 'hint'])).to.equal(5);
    expect(doc?.lineOf(['missing'])).to.equal(1);
  });

  it('reads Windows line endings and a byte-order mark with the right lines', () => {
    const [doc] = parseYaml('\ufeffid: x\r\nchecks:\r\n  - id: a\r\n', { file: 'w.yaml' });
    expect(doc?.value).to.deep.equal({ id: 'x', checks: [{ id: 'a' }] });
    expect(doc?.lineOf(['checks', 0, 'id'])).to.equal(3);
  });
});
