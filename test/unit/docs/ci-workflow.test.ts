import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SUPPORTED_VERSIONS } from '../../../scripts/matrix/versions.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Workflow {
  name?: string;
  on?: unknown;
  jobs?: Record<
    string,
    { 'runs-on'?: string; strategy?: { matrix?: Record<string, unknown> }; steps?: Step[] }
  >;
}

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const workflow = parse(
  readFileSync(join(REPO_ROOT, 'docs/ci/kubelab-labs.yml'), 'utf8'),
) as Workflow;

/** The problems of one step, as actionlint would name them (a subset of its rules). */
function stepProblems(step: Step, index: number): string[] {
  const where = `steps[${index}]`;
  const problems: string[] = [];
  if ((step.uses === undefined) === (step.run === undefined))
    problems.push(`${where}: exactly one of uses and run is required`);
  if (step.uses !== undefined && !/^[\w.-]+\/[\w.-]+@v\d+$/.test(step.uses))
    problems.push(`${where}.uses: ${step.uses} is not owner/action@vN`);
  if (step.with !== undefined && step.uses === undefined)
    problems.push(`${where}.with: only an action step takes inputs`);
  return problems;
}

describe('the example GitHub Actions workflow for a course', function () {
  it('is a workflow with a trigger and one job on a hosted runner', function () {
    expect(workflow.name).to.be.a('string');
    expect(workflow.on).to.not.equal(undefined);
    expect(Object.keys(workflow.jobs ?? {})).to.deep.equal(['verify']);
    expect(workflow.jobs?.['verify']?.['runs-on']).to.equal('ubuntu-latest');
  });

  it('runs the versions kubelab supports, no more and no fewer', function () {
    const matrix = workflow.jobs?.['verify']?.strategy?.matrix;
    expect(matrix?.['kubernetes']).to.deep.equal([...SUPPORTED_VERSIONS]);
  });

  it('has well-formed steps, and each version names its own cluster image and report', function () {
    const steps = workflow.jobs?.['verify']?.steps ?? [];
    expect(steps.flatMap(stepProblems)).to.deep.equal([]);
    const text = JSON.stringify(steps);
    expect(text).to.include('kindest/node:${{ matrix.kubernetes }}');
    expect(text).to.include('kubelab verify --all --context kind-kubelab');
    expect(text).to.include('verify-${{ matrix.kubernetes }}.xml');
  });

  it('reports a malformed step (negative control)', function () {
    expect(stepProblems({ uses: 'actions/checkout', run: 'x' }, 3)).to.deep.equal([
      'steps[3]: exactly one of uses and run is required',
      'steps[3].uses: actions/checkout is not owner/action@vN',
    ]);
  });
});
