import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { REPO_ROOT, testCluster, withNamespace } from '../support/index.js';

const MANIFEST = 'deploy/grade-indexed-job.yaml';
const NAMESPACE = 'kubelab-grading';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

async function manifest(): Promise<KubeObject[]> {
  const text = await readFile(join(REPO_ROOT, MANIFEST), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as KubeObject);
}

/**
 * The manifest with its namespaced objects moved into `namespace` and cluster-scoped names made
 * unique, so a server-side dry run can validate every document (a dry run cannot create the
 * Namespace the others need) without touching a grader installed on the cluster.
 */
function relocated(objects: readonly KubeObject[], namespace: string): KubeObject[] {
  return objects.map((object) => {
    const copy = structuredClone(object) as KubeObject & {
      subjects?: { namespace?: string }[];
    };
    if (copy.metadata.namespace === NAMESPACE) copy.metadata.namespace = namespace;
    if (copy.kind.endsWith('Role') || copy.kind.endsWith('RoleBinding'))
      copy.metadata.name = `${namespace}-${copy.metadata.name}`;
    for (const subject of copy.subjects ?? []) subject.namespace = namespace;
    return copy;
  });
}

const find = (
  objects: readonly KubeObject[],
  kind: string,
): KubeObject & Record<string, unknown> => {
  const found = objects.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`${MANIFEST} holds no ${kind}`);
  return found as KubeObject & Record<string, unknown>;
};

describe('the Indexed Job that grades shards inside Kubernetes', function () {
  this.timeout(60_000);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('deploy');

  it('passes a server-side dry run with strict field validation, every document', async () => {
    const objects = relocated(await manifest(), ns.name);
    const namespaceDoc = objects.filter((o) => o.kind === 'Namespace');
    const others = objects.filter((o) => o.kind !== 'Namespace');
    const results = [
      ...(await cluster.apply(namespaceDoc, MANIFEST, { dryRun: true })),
      ...(await cluster.apply(others, MANIFEST, { dryRun: true, namespace: ns.name })),
    ];
    const failed = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error));
    expect(failed).to.deep.equal([]);
    expect(results.map((r) => r.ref.kind)).to.deep.equal([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'ConfigMap',
      'PersistentVolumeClaim',
      'Job',
    ]);
  });

  it('is refused by the same dry run when a Job field is misspelt (negative control)', async () => {
    const job = relocated(await manifest(), ns.name).find((o) => o.kind === 'Job') as KubeObject & {
      spec: Record<string, unknown>;
    };
    job.spec['completionMod'] = job.spec['completionMode'];
    delete job.spec['completionMode'];
    const [result] = await cluster.apply([job], MANIFEST, { dryRun: true, namespace: ns.name });
    expect(result?.ok).to.equal(false);
    expect(result?.ok === false ? result.error : '').to.include('completionMod');
  });
});

describe('the Indexed Job manifest', () => {
  it('runs one shard per completion index, 1-based as kubelab grade --shard expects', async () => {
    const job = find(await manifest(), 'Job') as unknown as {
      spec: {
        completionMode: string;
        completions: number;
        parallelism: number;
        template: {
          spec: { containers: { command: string[]; env: { name: string; value: string }[] }[] };
        };
      };
    };
    const container = job.spec.template.spec.containers[0];
    const shards = Number(container?.env.find((e) => e.name === 'SHARDS')?.value);
    expect(job.spec.completionMode).to.equal('Indexed');
    expect(job.spec.completions).to.equal(shards);
    expect(job.spec.parallelism).to.equal(shards);
    const script = container?.command.at(-1) ?? '';
    expect(script).to.include('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    expect(script).to.include('--out "/results/shard-$JOB_COMPLETION_INDEX"');
    expect(script).to.include('--resume');
  });

  it('grants the grader every right it hands to a student Role (no escalate or bind needed)', async () => {
    const { isolationObjects } = await import('../../../src/batch/isolation/isolation.js');
    const { scopeFor } = await import('../../../src/model/scope.js');
    const studentRole = isolationObjects(scopeFor('probes', 'alice')).find(
      (o) => o.kind === 'Role',
    ) as unknown as {
      rules: Rule[];
    };
    const grader = find(await manifest(), 'ClusterRole') as unknown as { rules: Rule[] };
    const missing: string[] = [];
    for (const rule of studentRole.rules)
      for (const group of rule.apiGroups)
        for (const resource of rule.resources)
          for (const verb of rule.verbs) {
            const held = grader.rules.some(
              (g) =>
                g.apiGroups.includes(group) &&
                g.resources.includes(resource) &&
                g.verbs.includes(verb),
            );
            if (!held) missing.push(`${group || 'core'}/${resource} ${verb}`);
          }
    expect(missing).to.deep.equal([]);
  });
});
