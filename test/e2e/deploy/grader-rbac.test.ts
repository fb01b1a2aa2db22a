import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { journalPath, readJournal } from '../../../src/batch/journal.js';
import { runCli } from '../../../src/cli/app.js';
import { memoryIo } from '../../../src/cli/io.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster, withNamespace } from '../support/index.js';

const LAB = 'crash-recovery';
/** Grading one crash-recovery submission: a rollout plus a container kill and restart. */
const GRADE_TIMEOUT_MS = 240_000;

/**
 * The ClusterRole of deploy/grade-indexed-job.yaml is enough for `kubelab grade`: a real grader
 * identity (a ServiceAccount bound to that ClusterRole, with a token from the TokenRequest API)
 * grades a correct submission to full marks, impersonating the student ServiceAccount as in the Job.
 */
describe('the Indexed Job grader identity', function () {
  this.timeout(GRADE_TIMEOUT_MS + 60_000);
  let cluster: ClusterClient;
  let work: string;
  before(async function () {
    cluster = await testCluster(this);
    work = await mkdtemp(join(tmpdir(), 'kubelab-grader-rbac-'));
  });
  after(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });
  const ns = withNamespace('grader', { per: 'suite' });

  it('grades a correct submission to full marks with only the ClusterRole’s rights', async () => {
    const name = `${ns.name}-grader`;
    const text = await readFile(join(REPO_ROOT, 'deploy/grade-indexed-job.yaml'), 'utf8');
    const docs = parseAllDocuments(text).map(
      (d) => d.toJS() as KubeObject & Record<string, unknown>,
    );
    const role = docs.find((d) => d.kind === 'ClusterRole') as KubeObject;
    const objects: KubeObject[] = [
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'grader', namespace: ns.name },
      },
      { ...role, metadata: { name, labels: ns.scope.labels } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name, labels: ns.scope.labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ kind: 'ServiceAccount', name: 'grader', namespace: ns.name }],
      } as KubeObject,
    ];
    try {
      const applied = await cluster.apply(objects, 'grader-rbac', { namespace: ns.name });
      expect(applied.filter((r) => !r.ok)).to.deep.equal([]);
      const { stdout: token } = await execa('kubectl', [
        '--context',
        TEST_CONTEXT,
        '-n',
        ns.name,
        'create',
        'token',
        'grader',
        '--duration=1h',
      ]);
      const admin = loadKubeconfig({ context: TEST_CONTEXT });
      const server = admin.kc.getCurrentCluster();
      const kubeconfig = join(work, 'kubeconfig');
      await writeFile(
        kubeconfig,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [
            {
              name: 'c',
              cluster: {
                server: server?.server,
                'certificate-authority-data': server?.caData,
                ...(server?.caFile === undefined ? {} : { 'certificate-authority': server.caFile }),
              },
            },
          ],
          users: [{ name: 'grader', user: { token: token.trim() } }],
          contexts: [{ name: 'grader', context: { cluster: 'c', user: 'grader' } }],
          'current-context': 'grader',
        }),
      );
      const submissions = join(work, 'submissions');
      await mkdir(join(submissions, 'rbac-ok', LAB), { recursive: true });
      await cp(join(REPO_ROOT, 'labs', LAB, 'solution'), join(submissions, 'rbac-ok', LAB), {
        recursive: true,
      });
      const out = join(work, 'out');
      const io = memoryIo({ env: { HOME: work }, cwd: work });
      const code = await runCli({
        argv: [
          'grade',
          submissions,
          '--out',
          out,
          '--kubeconfig',
          kubeconfig,
          '--labs',
          LAB,
          '--concurrency',
          '1',
        ],
        io,
      });
      expect(code, io.err()).to.equal(0);
      const [entry] = await readJournal(journalPath(out));
      expect(entry?.grader.context).to.equal('grader');
      expect(
        entry?.report.score,
        JSON.stringify(entry?.report.checks.map((c) => c.message)),
      ).to.equal(100);
    } finally {
      await cluster.delete({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        name,
      });
      await cluster.delete({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        name,
      });
    }
  });
});
