/**
 * The compatibility table of `npm run matrix`: one row per lab, one column per Kubernetes version,
 * from each version's `kubelab verify --all --report json` and its smoke suite. Pure functions of
 * the runs, so the same runs give the same table byte for byte.
 */
import type { CheckResult } from '../../src/model/result.js';
import type { LabReport, Report } from '../../src/report/model.js';

/** What one version's pass through the matrix produced. */
export interface VersionRun {
  /** `v1.37.2` */
  readonly version: string;
  /** Why the version never reached verify (build or up failed), if it did not. */
  readonly setupError?: string;
  readonly buildSeconds?: number;
  readonly upSeconds?: number;
  /** verify's JSON report, when verify ran. */
  readonly verify?: Report;
  /** Wall time of `verify --all`, when it ran. */
  readonly verifySeconds?: number;
  /** The smoke suite's result, when it ran. */
  readonly smoke?: { readonly passed: number; readonly failed: readonly string[] };
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
const firstLine = (text: string): string => text.split('\n')[0] ?? '';
const cellText = (text: string): string => text.replaceAll('|', '\\|');

/** `✓ 41 s`, or `✗ solution: <why>`, or `–` when the version did not get that far. */
export function labCell(run: VersionRun, labId: string): string {
  if (run.verify === undefined) return run.setupError === undefined ? '–' : '✗ not run';
  const lab = run.verify.labs.find((l) => l.labId === labId);
  if (lab === undefined) return '✗ missing from verify';
  if (lab.status === 'passed') return `✓ ${seconds(lab.durationMs)}`;
  const failed = lab.checks.find((c) => c.status !== 'passed');
  return `✗ ${failed?.id ?? 'lab'}: ${cellText(firstLine(failed?.message ?? lab.message ?? ''))}`;
}

function labIds(runs: readonly VersionRun[]): string[] {
  const ids = new Set<string>();
  for (const run of runs) for (const lab of run.verify?.labs ?? []) ids.add(lab.labId);
  return [...ids].sort();
}

function verifiedCount(run: VersionRun): string {
  if (run.verify === undefined) return `✗ ${cellText(firstLine(run.setupError ?? 'not run'))}`;
  const passed = run.verify.labs.filter((l) => l.status === 'passed').length;
  return `${passed}/${run.verify.labs.length}`;
}

function smokeCell(run: VersionRun): string {
  if (run.smoke === undefined) return '–';
  const total = run.smoke.passed + run.smoke.failed.length;
  const failed = run.smoke.failed.length === 0 ? '' : ` (failed: ${run.smoke.failed.join('; ')})`;
  return cellText(`${run.smoke.passed}/${total}${failed}`);
}

/** The Markdown table the README shows. */
export function matrixMarkdown(runs: readonly VersionRun[]): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const optional = (value: number | undefined): string =>
    value === undefined ? '–' : `${Math.round(value)} s`;
  const lines = [
    row(['', ...runs.map((r) => r.version)]),
    row(['---', ...runs.map(() => '---')]),
    row(['**labs verified**', ...runs.map(verifiedCount)]),
    ...labIds(runs).map((id) => row([`\`${id}\``, ...runs.map((r) => labCell(r, id))])),
    row(['smoke suite', ...runs.map(smokeCell)]),
    row(['build (cached: 0 s)', ...runs.map((r) => optional(r.buildSeconds))]),
    row(['cluster up', ...runs.map((r) => optional(r.upSeconds))]),
    row(['`verify --all` wall time', ...runs.map((r) => optional(r.verifySeconds))]),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The matrix as a kubelab Report (a "lab" per version, a "check" per lab verified plus the smoke
 * suite), so the project's own JUnit writer renders it for CI.
 */
export function matrixReport(runs: readonly VersionRun[], startedAt: string): Report {
  const ids = labIds(runs);
  const result = (id: string, title: string, failure: string | undefined): CheckResult => ({
    id,
    title,
    kind: 'matrix',
    status: failure === undefined ? 'passed' : 'failed',
    points: failure === undefined ? 1 : 0,
    maxPoints: 1,
    message: failure ?? 'passed',
    evidence: {},
    visibility: 'visible',
    durationMs: 0,
  });
  const labs = runs.map((run): LabReport => {
    const checks =
      run.verify === undefined
        ? [result('cluster', 'cluster built and up', run.setupError ?? 'not run')]
        : [
            ...ids.map((id) => {
              const cell = labCell(run, id);
              return result(id, `verify ${id}`, cell.startsWith('✓') ? undefined : cell);
            }),
            result(
              'smoke',
              'smoke suite',
              run.smoke === undefined
                ? 'the smoke suite did not run'
                : run.smoke.failed.length > 0
                  ? run.smoke.failed.join('\n')
                  : undefined,
            ),
          ];
    const score = checks.reduce((sum, c) => sum + c.points, 0);
    return {
      labId: `kubernetes-${run.version}`,
      title: `Kubernetes ${run.version}`,
      namespace: '',
      status: score === checks.length ? 'passed' : 'failed',
      score,
      maxScore: checks.length,
      checks,
      durationMs: (run.verifySeconds ?? 0) * 1000,
    };
  });
  const score = labs.reduce((sum, l) => sum + l.score, 0);
  const maxScore = labs.reduce((sum, l) => sum + l.maxScore, 0);
  return {
    header: { tool: 'kubelab matrix', context: '', server: '', serverVersion: '', startedAt },
    status: score === maxScore ? 'passed' : 'failed',
    score,
    maxScore,
    passMark: maxScore,
    labs,
  };
}
