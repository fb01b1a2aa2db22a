import { expect } from 'chai';
import { parseManifests } from '../../../src/cluster/manifests.js';

describe('manifest parsing', function () {
  it('parses every document of a multi-document text and names each one by file and line', function () {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    const docs = parseManifests(text, 'cm.yaml');
    expect(docs.map((d) => d.source)).to.deep.equal(['cm.yaml:1', 'cm.yaml:5']);
    expect(docs.every((d) => d.ok)).to.equal(true);
  });

  it('keeps unknown fields exactly as written', function () {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    livenessprobe: {}\n';
    const [doc] = parseManifests(text, 'pod.yaml');
    expect(doc?.ok && JSON.stringify(doc.object)).to.include('"livenessprobe":{}');
  });

  it('reports malformed YAML with file, line and column', function () {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec: [\n';
    const [doc] = parseManifests(text, 'bad.yaml');
    expect(doc?.ok).to.equal(false);
    expect(doc?.ok === false && doc.error).to.match(/^bad\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('reads 0644 as octal and yes as a boolean, like kubectl (YAML 1.1)', function () {
    const text = 'apiVersion: v1\nkind: X\nmetadata: {name: x}\nmode: 0644\nflag: yes\n';
    const [doc] = parseManifests(text, 'x.yaml');
    expect(doc?.ok && doc.object['mode']).to.equal(420);
    expect(doc?.ok && doc.object['flag']).to.equal(true);
  });

  it('skips empty documents and expands kind: List', function () {
    const text =
      '---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n';
    const docs = parseManifests(text, 'list.yaml');
    expect(docs.map((d) => (d.ok ? d.object.metadata.name : d.error))).to.deep.equal(['a', 'b']);
  });

  it('says which required fields a document lacks', function () {
    const [doc] = parseManifests('kind: Pod\nmetadata: {}\n', 'p.yaml');
    expect(doc?.ok === false && doc.error).to.equal(
      'p.yaml:1: apiVersion, metadata.name missing; every object needs apiVersion, kind and metadata.name',
    );
  });

  it('refuses duplicate keys instead of keeping the last one', function () {
    const [doc] = parseManifests(
      'apiVersion: v1\nkind: Pod\nkind: Service\nmetadata: {name: p}\n',
      'dup.yaml',
    );
    expect(doc?.ok === false && doc.error).to.match(/^dup\.yaml:3:\d+: invalid YAML: .*[Uu]nique/);
  });

  it('refuses alias bombs', function () {
    const text =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const [doc] = parseManifests(text, 'bomb.yaml');
    expect(doc?.ok).to.equal(false);
  });
});
