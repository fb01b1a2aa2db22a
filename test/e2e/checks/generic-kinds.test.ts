import { expect } from 'chai';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import { Lab, type LabInput } from '../../../src/model/lab.js';
import type { CheckResult } from '../../../src/model/result.js';
import { applyManifests } from '../../../src/runner/apply-manifests.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { runLab } from '../../../src/runner/run-lab.js';
import { REPO_ROOT, testCluster, withNamespace } from '../support/index.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'generic-kinds');

/** A lab of generic checks on Deployment `tools` (points sum to 100). */
const LAB: LabInput = {
  id: 'generic-kinds',
  title: 'Generic kinds',
  summary: 'exec-succeeds, object-matches and workload-ready on a small Deployment.',
  checks: [
    {
      id: 'ready',
      title: 'tools is Ready',
      kind: 'workload-ready',
      points: 25,
      hint: 'h',
      params: { name: 'tools' },
      timeout: '60s',
    },
    {
      id: 'hello',
      title: 'hello.txt says hello',
      kind: 'exec-succeeds',
      points: 25,
      hint: 'h',
      needs: ['ready'],
      params: { name: 'tools', command: ['cat', '/tmp/hello.txt'], stdout: '^hello from kubelab$' },
    },
    {
      id: 'shape',
      title: 'tools has 1 replica of busybox',
      kind: 'object-matches',
      points: 25,
      hint: 'h',
      params: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'tools',
        match: {
          spec: {
            replicas: 1,
            template: {
              spec: { containers: [{ name: 'tools', image: 'docker.io/library/busybox:1.35' }] },
            },
          },
        },
      },
    },
    {
      id: 'no-leftover',
      title: 'no ConfigMap leftover',
      kind: 'object-matches',
      points: 25,
      hint: 'h',
      params: { apiVersion: 'v1', kind: 'ConfigMap', name: 'leftover', absent: true },
    },
  ],
};

describe('generic check kinds on a real cluster', function () {
  let cluster: ClusterClient;
  let kinds: ReadonlyMap<string, CheckKind>;
  const ns = withNamespace('generic-kinds');

  before(async function () {
    cluster = await testCluster(this);
    kinds = await loadCheckKinds();
  });

  async function run(fixture: string): Promise<Record<string, CheckResult>> {
    const outcomes = await applyManifests({
      cluster,
      dir: join(FIXTURES, fixture),
      scope: ns.scope,
      lab: { clusterScoped: [] },
    });
    expect(outcomes.map((o) => o.status)).to.deep.equal(['applied']);
    const report = await runLab({
      cluster,
      lab: { lab: Lab.parse(LAB) },
      scope: ns.scope,
      submissionDir: join(FIXTURES, fixture),
      node: undefined,
      signal: AbortSignal.timeout(170_000),
      kinds,
    });
    return Object.fromEntries(report.checks.map((c) => [c.id, c]));
  }

  it('passes exec-succeeds, object-matches and object-matches absent on the good fixture', async function () {
    this.timeout(180_000);
    const results = await run('good');
    for (const id of ['ready', 'hello', 'shape', 'no-leftover']) {
      expect(results[id]?.status, `${id}: ${results[id]?.message}`).to.equal('passed');
    }
  });

  it('fails exec-succeeds with the exit code and stderr when the file is missing, and object-matches with every differing field', async function () {
    this.timeout(180_000);
    await cluster.apply(
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'leftover' } }],
      'test',
      { namespace: ns.scope.namespace },
    );
    const results = await run('broken');
    expect(results['ready']?.status, results['ready']?.message).to.equal('passed');
    expect(results['hello']?.status).to.equal('failed');
    expect(results['hello']?.message).to.match(/exited 1, expected 0: .*No such file/);
    expect(results['shape']?.status).to.equal('failed');
    expect(results['shape']?.evidence.fieldErrors).to.deep.equal([
      { path: 'spec.replicas', message: 'expected 1, found 2' },
    ]);
    expect(results['no-leftover']?.status).to.equal('failed');
    expect(results['no-leftover']?.message).to.contain('ConfigMap leftover still exists');
  });
});
