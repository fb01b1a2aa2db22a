import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { ApiError } from '../../../src/cluster/errors.js';
import { applyFixture, REPO_ROOT, testCluster, withNamespace } from '../support/index.js';

describe('faithful server-side apply', function () {
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('apply');

  it('applies every document of a valid file into the namespace', async function () {
    const results = await applyFixture(cluster, 'test/fixtures/cluster/deployment.yaml', ns.scope);
    expect(
      results.map((r) => (r.ok ? `${r.ref.kind}/${r.ref.name}@${r.ref.namespace}` : r.error)),
    ).to.deep.equal([`Deployment/web@${ns.name}`, `Service/web@${ns.name}`]);
    const service = await cluster.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: ns.name,
      name: 'web',
    });
    expect(service?.metadata.uid).to.be.a('string');
  });

  it('reports a misspelled field by its path instead of dropping it, and still applies the next document', async function () {
    const results = await applyFixture(
      cluster,
      'test/fixtures/cluster/deployment-typo.yaml',
      ns.scope,
      { expectOk: false },
    );
    const [deployment, configMap] = results;
    expect(deployment?.ok).to.equal(false);
    expect(deployment?.ok === false && deployment.error).to.equal(
      '.spec.template.spec.containers[name="app"].livenessprobe: field not declared in schema',
    );
    expect(deployment?.source).to.equal('test/fixtures/cluster/deployment-typo.yaml:4');
    expect(configMap?.ok).to.equal(true);
    expect(
      await cluster.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: ns.name,
        name: 'web-typo',
      }),
    ).to.equal(undefined);
  });

  it('validates without persisting on a dry run', async function () {
    const results = await applyFixture(cluster, 'test/fixtures/cluster/deployment.yaml', ns.scope, {
      dryRun: true,
    });
    expect(results.every((r) => r.ok)).to.equal(true);
    expect(
      await cluster.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: ns.name,
        name: 'web',
      }),
    ).to.equal(undefined);
  });

  it('reports malformed YAML with file, line and column and applies the documents before it', async function () {
    const text = await readFile(join(REPO_ROOT, 'test/fixtures/cluster/malformed.yaml'), 'utf8');
    const results = await cluster.applyYaml(text, 'malformed.yaml', { namespace: ns.name });
    expect(results[0]?.ok).to.equal(true);
    expect(results[1]?.ok === false && results[1].error).to.match(
      /^malformed\.yaml:10:\d+: invalid YAML/,
    );
  });

  it('names an unknown kind and suggests the closest one', async function () {
    const text = 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n';
    const [result] = await cluster.applyYaml(text, 'kind.yaml', { namespace: ns.name });
    expect(result?.ok === false && result.error).to.equal(
      'the cluster has no kind "Deploymnet" in apiVersion "apps/v1": it serves 5 kinds there. Did you mean "Deployment"?',
    );
  });

  it('applies a Namespace before the objects in it from the same text', async function () {
    const other = `${ns.name}-x`;
    const text =
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ${other}}\n---\n` +
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${other}, labels: {app.kubernetes.io/managed-by: kubelab}}\n`;
    try {
      const results = await cluster.applyYaml(text, 'ordered.yaml');
      expect(results.map((r) => r.ok)).to.deep.equal([true, true]);
    } finally {
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: other });
    }
  });

  it('applies a custom resource after its CRD from the same text', async function () {
    this.timeout(60_000);
    const group = `${ns.name}.e2e.kubelab.dev`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: `widgets.${group}`,
    };
    const text = [
      `apiVersion: ${group}/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n`,
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.${group}}\n` +
        `spec:\n  group: ${group}\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget}\n` +
        `  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n` +
        `        type: object\n        properties:\n          spec:\n            type: object\n` +
        `            properties: {size: {type: integer}}\n`,
    ].join('---\n');
    try {
      const results = await cluster.applyYaml(text, 'crd.yaml', { namespace: ns.name });
      expect(results.map((r) => (r.ok ? r.ref.kind : r.error))).to.deep.equal([
        'Widget',
        'CustomResourceDefinition',
      ]);
    } finally {
      await cluster.delete(crd);
    }
  });

  it('merge-patches, creates and deletes through the same REST layer', async function () {
    const created = await cluster.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: ns.name },
      data: { a: '1' },
    });
    expect(created.metadata.uid).to.be.a('string');
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'cm' };
    const patched = await cluster.patch(ref, { data: { b: '2' } });
    expect(patched['data']).to.deep.equal({ a: '1', b: '2' });
    const listed = await cluster.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name });
    expect(listed.map((o) => `${o.kind}/${o.metadata.name}`)).to.include('ConfigMap/cm');
    await cluster.delete(ref);
    await cluster.delete(ref);
    expect(await cluster.get(ref)).to.equal(undefined);
  });

  it('sends DeleteOptions: a delete whose precondition no longer holds is refused with 409', async function () {
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'guarded' };
    const created = await cluster.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ref.name, namespace: ns.name },
      data: { a: '1' },
    });
    await cluster.patch(ref, { data: { a: '2' } });
    const stale = await cluster
      .delete(ref, { preconditions: { resourceVersion: created.metadata.resourceVersion } })
      .catch((e: unknown) => e);
    expect(stale).to.be.instanceOf(ApiError);
    expect((stale as ApiError).code).to.equal(409);
    expect(await cluster.get(ref), 'still there').to.not.equal(undefined);
    await cluster.delete(ref, { preconditions: { uid: created.metadata.uid } });
    expect(await cluster.get(ref)).to.equal(undefined);
  });
});
