import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllLabs } from '../../../src/catalogue/load-lab.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

/** The parts of the JSON report (src/report/writers/json.ts) this suite reads. */
interface VerifyJson {
  readonly labs: readonly {
    readonly labId: string;
    readonly status: string;
    readonly durationMs: number;
    readonly checks: readonly {
      readonly id: string;
      readonly status: string;
      readonly message: string;
      readonly evidence: { readonly notes?: readonly string[] };
    }[];
  }[];
}

/** `id: status (points/max) message` lines of a phase's evidence → the ids that did not pass, sorted. */
function notPassed(notes: readonly string[] | undefined): string[] {
  return (notes ?? [])
    .map((line) => /^(\S+): (\S+) /.exec(line))
    .flatMap((m) => (m?.[1] !== undefined && m[2] !== 'passed' ? [m[1]] : []))
    .sort();
}

/** `solution scored 100/100` → 100; anything else → undefined. */
function solutionScore(message: string | undefined): number | undefined {
  const match = /^solution scored (\d+)\/(\d+)$/.exec(message ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Every lab of the catalogue proves itself through the real binary: `kubelab verify --all` exits 0,
 * and per lab the solution scores 100 and the starter fails exactly verify.starterFails. This
 * replaces the per-lab "solution scores 100" / "starter fails exactly" e2e tests. Labs run four at a
 * time (`--concurrency 4`), which also proves they do not disturb each other, and the per-lab lines
 * and both report files (JSON, JUnit) must agree with the verdicts.
 */
describe('kubelab verify --all on the real cluster', function () {
  let cwd: string;
  let cluster: ClusterClient;

  before(async function () {
    cluster = await testCluster(this);
    cwd = await mkdtemp(join(tmpdir(), 'kubelab-verify-all-e2e-'));
  });

  after(async function () {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it('exits 0, and for every lab the solution scores 100 and the starter fails exactly its starterFails', async function () {
    this.timeout(60 * 60_000);
    const run = await kubelab(
      [
        'verify',
        '--all',
        '--concurrency',
        '4',
        '--report',
        'json',
        '--report',
        'junit',
        '--out-dir',
        'reports',
      ],
      { cwd, timeoutMs: 58 * 60_000 },
    );
    const labs = await loadAllLabs();
    const report = JSON.parse(
      await readFile(join(cwd, 'reports/kubelab-report.json'), 'utf8'),
    ) as VerifyJson;
    const lines: string[] = [];
    for (const lab of report.labs)
      lines.push(`      ${lab.labId.padEnd(24)} ${(lab.durationMs / 1000).toFixed(1)}s`);
    lines.push(`      ${'total'.padEnd(24)} ${run.seconds.toFixed(1)}s`);
    console.log(lines.join('\n'));

    expect(report.labs.map((l) => l.labId).sort(), transcript(run)).to.deep.equal(
      labs.map((l) => l.lab.id).sort(),
    );
    const problems: string[] = [];
    for (const loaded of labs) {
      const id = loaded.lab.id;
      const lab = report.labs.find((l) => l.labId === id);
      const solution = lab?.checks.find((c) => c.id === 'solution');
      const starter = lab?.checks.find((c) => c.id === 'starter');
      const score = solutionScore(solution?.message);
      if (score !== 100)
        problems.push(
          `${id}: the solution scored ${score ?? '?'} instead of 100: ${solution?.message ?? 'no solution testcase'}\n  ${(solution?.evidence.notes ?? []).join('\n  ')}`,
        );
      const expected = [...(loaded.lab.verify?.starterFails ?? [])].sort();
      const failing = notPassed(starter?.evidence.notes);
      if (starter === undefined || failing.join(',') !== expected.join(','))
        problems.push(
          `${id}: the starter failed [${failing.join(', ')}] but starterFails is [${expected.join(', ')}]\n  ${(starter?.evidence.notes ?? []).join('\n  ')}`,
        );
    }
    // The first line names every lab at fault: a CI log cut short still shows it (summary-reporter.cjs).
    const headline = problems.map((p) => p.split('\n')[0]).join(' | ');
    expect(problems, `${headline}\n${problems.join('\n')}`).to.deep.equal([]);

    // One ✓ line per lab, in lab order although the labs finished out of order.
    const lineLabs = [
      ...run.stdout.matchAll(
        /^✓ (\S+) {2}solution 100\/100 {2}starter fails (\d+)\/\2 as expected {2}\d+\.\ds$/gm,
      ),
    ].map((m) => m[1]);
    expect(lineLabs, transcript(run)).to.deep.equal(labs.map((l) => l.lab.id).sort());
    expect(run.stderr).to.include('concurrency 4');
    const xml = await readFile(join(cwd, 'reports/kubelab-report.xml'), 'utf8');
    expect(xml.match(/<testcase /g), 'a solution and a starter testcase per lab').to.have.length(
      2 * labs.length,
    );
    expect(xml).to.not.match(/<failure/);
    const left = (await cluster.list({ apiVersion: 'v1', kind: 'Namespace' }))
      .map((n) => n.metadata.name ?? '')
      .filter((name) => name.startsWith('kubelab-verify-'));
    expect(left, 'verify deletes the namespaces it created').to.deep.equal([]);
    expect(run.exitCode, transcript(run)).to.equal(0);
  });
});
