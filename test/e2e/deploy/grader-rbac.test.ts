import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import { runCli } from '../../../src/cli/app.js';
import { memoryIo } from '../../../src/cli/io.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { loadKubeconfig } from '../../../src/cluster/connect/kubeconfig.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster, withNamespace } from '../support/index.js';

/**
 * Labs whose grading uses the grader's widest rights: a rollout and a container kill
 * (crash-recovery), reads of nodes and kube-system (cluster-anatomy), a name-prefixed PV
 * (pv-pvc), the grader's own PriorityClass and filler pods (priority-preemption), and a node-access
 * pod in its own privileged namespace (static-pods).
 */
const LABS = ['cluster-anatomy', 'crash-recovery', 'priority-preemption', 'pv-pvc', 'static-pods'];
/** The API server's words when RBAC denies the grader (not a quota or admission refusal). */
const RBAC_DENIED = /forbidden: User "[^"]*" cannot /;
/** Five solutions graded two at a time on a loaded single-node cluster. */
const GRADE_TIMEOUT_MS = 600_000;

/**
 * The ClusterRole of deploy/grade-indexed-job.yaml is enough for `kubelab grade`: a real grader
 * identity (a ServiceAccount bound to that ClusterRole, with a token from the TokenRequest API)
 * grades each lab's solution without one forbidden request, impersonating the student
 * ServiceAccount as in the Job, and crash-recovery to full marks.
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

  it('grades the solutions without a forbidden request, with only the ClusterRole’s rights', async () => {
    const name = `${ns.name}-grader`;
    const text = await readFile(join(REPO_ROOT, 'deploy/grade-indexed-job.yaml'), 'utf8');
    const docs = parseAllDocuments(text).map(
      (d) => d.toJS() as KubeObject & Record<string, unknown>,
    );
    const role = docs.find((d) => d.kind === 'ClusterRole') as KubeObject;
    // The lock of the preemption check: a Role on Leases in kube-system.
    const locks = docs.find((d) => d.kind === 'Role') as KubeObject;
    const locksRef = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      namespace: 'kube-system',
      name,
    };
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
      { ...locks, metadata: { name, namespace: 'kube-system', labels: ns.scope.labels } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace: 'kube-system', labels: ns.scope.labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
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
      for (const lab of LABS) {
        await mkdir(join(submissions, 'rbac-ok', lab), { recursive: true });
        await cp(join(REPO_ROOT, 'labs', lab, 'solution'), join(submissions, 'rbac-ok', lab), {
          recursive: true,
        });
      }
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
          LABS.join(','),
          '--concurrency',
          '2',
          '--node-access',
          'pod',
        ],
        io,
      });
      expect(code, io.err()).to.equal(0);
      const entries = await readJournal(journalPath(out));
      expect(entries.map((e) => e.labId)).to.deep.equal(LABS);
      const forbidden = entries.flatMap((e) =>
        [e.report.message ?? '', ...e.refusals, ...e.report.checks.map((c) => c.message)]
          .filter((text) => RBAC_DENIED.test(text))
          .map((text) => `${e.labId}: ${text}`),
      );
      expect(forbidden).to.deep.equal([]);
      const crash = entries.find((e) => e.labId === 'crash-recovery');
      expect(crash?.grader.context).to.equal('grader');
      expect(
        crash?.report.score,
        JSON.stringify(crash?.report.checks.map((c) => c.message)),
      ).to.equal(100);
      process.stderr.write(
        `grader identity scores: ${entries.map((e) => `${e.labId} ${e.report.score}`).join(', ')}\n`,
      );
      for (const e of entries.filter((x) => x.report.score < x.report.maxScore)) {
        const why = e.report.message ?? e.report.checks.find((c) => c.status !== 'passed')?.message;
        process.stderr.write(`  ${e.labId}: ${why ?? ''}\n`);
      }
    } finally {
      await cluster.delete({ ...locksRef, kind: 'RoleBinding' });
      await cluster.delete(locksRef);
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
