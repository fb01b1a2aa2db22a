import { join } from 'node:path';
import { expect } from 'chai';
import { formatLabIssue, LabValidationError } from '../../../src/model/lab-issue.js';
import { loadAllLabs, loadLab, validateLabDir } from '../../../src/catalogue/load-lab.js';
import { tempLabs, testKinds, validLabYaml, type TempLabs } from '../model/lab-fixture.js';

describe('loading a lab', () => {
  let labs: TempLabs;
  beforeEach(async () => {
    labs = await tempLabs();
  });
  afterEach(() => labs.remove());

  /** The formatted issues of lab `id`, with the temp dir stripped. */
  async function issuesOf(
    id: string,
    yaml: string,
    without?: readonly string[],
  ): Promise<string[]> {
    const dir = await labs.add(id, yaml, { without });
    const { issues } = await validateLabDir(dir, { kinds: testKinds });
    return issues.map((issue) => formatLabIssue(issue).replace(`${labs.dir}/`, 'labs/'));
  }

  it('loads a valid lab with defaults applied and its files located', async () => {
    const dir = await labs.add('probes', validLabYaml());
    const loaded = await loadLab('probes', { labsDir: labs.dir, kinds: testKinds });
    expect(loaded.lab.id).to.equal('probes');
    expect(loaded.lab.timeouts).to.deep.equal({ default: 90_000 });
    expect(loaded.lab.checks[1]?.needs).to.deep.equal(['web-ready']);
    expect(loaded.lab.podSecurity).to.equal('baseline');
    expect(loaded.readme).to.deep.equal({
      en: join(dir, 'README.md'),
      fr: join(dir, 'README.fr.md'),
    });
    expect(loaded.starterDir).to.equal(join(dir, 'starter'));
    expect(loaded.solutionDir).to.equal(join(dir, 'solution'));
  });

  it('points a schema error at its path and line', async () => {
    const issues = await issuesOf('probes', validLabYaml().replace('points: 40', 'points: "40"'));
    expect(issues).to.include(
      'labs/probes/lab.yaml:10: checks[0].points: expected number, received string',
    );
  });

  it('names a missing field and an unknown one, suggesting the field meant', async () => {
    const yaml = validLabYaml().replace(
      '    hint: Apply the starter first.\n',
      '    hnit: Apply the starter first.\n',
    );
    const issues = await issuesOf('probes', yaml);
    expect(issues).to.include(
      'labs/probes/lab.yaml:11: checks[0].hnit: unknown field; did you mean "hint"?',
    );
    expect(issues).to.include('labs/probes/lab.yaml:7: checks[0].hint: missing; expected string');
  });

  it('lists every allowed value of an enum, with the nearest one', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace('timeouts:', 'podSecurity: restriced\ntimeouts:'),
    );
    expect(issues[0]).to.match(
      /^labs\/probes\/lab\.yaml:4: podSecurity: expected one of .*"restricted".*, got "restriced"; did you mean "restricted"\?$/,
    );
  });

  it('validates params with the kind’s own schema', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace('      kind: Deployment\n', '      kind: Pod\n'),
    );
    expect(issues).to.have.length(1);
    expect(issues[0]).to.match(
      /^labs\/probes\/lab\.yaml:13: checks\[0\]\.params\.kind: expected one of "Deployment"\|"StatefulSet", got "Pod"$/,
    );
  });

  it('names an unknown check kind and the nearest known one', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace(
        '    kind: workload-ready\n    points: 40',
        '    kind: workload-redy\n    points: 40',
      ),
    );
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:9: checks[0].kind: unknown check kind "workload-redy"; did you mean "workload-ready"?',
    ]);
  });

  it('leaves check kinds and params unchecked with checkParams: false (list), and only then', async () => {
    const yaml = validLabYaml().replace(
      '    kind: workload-ready\n    points: 40',
      '    kind: workload-redy\n    points: 40',
    );
    await labs.add('probes', yaml);
    const listed = await loadAllLabs({ labsDir: labs.dir, kinds: testKinds, checkParams: false });
    expect(listed.map(({ lab }) => lab.id)).to.deep.equal(['probes']);
    const error = await loadAllLabs({ labsDir: labs.dir, kinds: testKinds }).catch((e) => e);
    expect(error).to.be.instanceOf(LabValidationError);
  });

  it('requires points that add up to 100', async () => {
    const issues = await issuesOf('probes', validLabYaml().replace('points: 60', 'points: 55'));
    expect(issues).to.deep.equal([
      "labs/probes/lab.yaml:6: checks: points add up to 95 (40 + 55); expected 100. Adjust the checks' points.",
    ]);
  });

  it('refuses duplicate check ids, needs on later checks, and starterFails naming no check', async () => {
    const yaml = validLabYaml()
      .replace('  - id: web-again', '  - id: web-ready')
      .replace('starterFails: [web-again]', 'starterFails: [web-gone]');
    const issues = await issuesOf('probes', yaml);
    expect(issues).to.include(
      'labs/probes/lab.yaml:15: checks[1].id: duplicate check id "web-ready" (also checks[0]); expected unique ids',
    );
    expect(issues).to.include(
      'labs/probes/lab.yaml:23: verify.starterFails[0]: no check has id "web-gone"; expected one of web-ready',
    );
  });

  it('refuses a check that needs a check coming after it', async () => {
    const yaml = validLabYaml().replace(
      '    hint: Apply the starter first.\n',
      '    hint: Apply the starter first.\n    needs: [web-again]\n',
    );
    const issues = await issuesOf('probes', yaml);
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:12: checks[0].needs[0]: "web-again" comes after this check; expected the id of an earlier check (none: this is the first check)',
    ]);
  });

  it('requires node access for kinds that write to nodes', async () => {
    const yaml = validLabYaml()
      .replace(/kind: workload-ready\n {4}points: 60/, 'kind: static-pod-mirror\n    points: 60')
      .replace('params: { kind: Deployment, name: web }', 'params: { name: web }');
    const issues = await issuesOf('probes', yaml);
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:17: checks[1].kind: kind "static-pod-mirror" writes to a node; expected `nodeAccess: true` at the top of this lab',
    ]);
  });

  it('refuses timeouts for kinds that do not exist', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace('  default: 90s', '  default: 90s\n  workload-redy: 2m'),
    );
    expect(issues[0]).to.equal(
      'labs/probes/lab.yaml:6: timeouts.workload-redy: unknown timeout key "workload-redy"; did you mean "workload-ready"?',
    );
  });

  it('requires both READMEs, starter/ and solution/', async () => {
    const issues = await issuesOf('probes', validLabYaml(), ['README.fr.md', 'solution']);
    expect(issues).to.deep.equal([
      'labs/probes: README.fr.md is missing; expected a file with the instructions in French',
      'labs/probes: solution is missing; expected a directory with the reference solution `kubelab verify` applies',
    ]);
  });

  it('requires the id to match the directory name', async () => {
    const issues = await issuesOf('probes', validLabYaml('probe'));
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:1: id: "probe" differs from the directory name "probes"; expected them to match',
    ]);
  });

  it('reports a YAML syntax error as an issue with its line', async () => {
    const issues = await issuesOf('probes', 'id: probes\nchecks: [\n');
    expect(issues).to.have.length(1);
    expect(issues[0]).to.match(/^labs\/probes\/lab\.yaml:3: .* \(column 1\)$/);
  });

  it('throws a LabValidationError listing every problem', async () => {
    await labs.add('probes', validLabYaml().replace('points: 40', 'points: "40"'), {
      without: ['README.md'],
    });
    const error = await loadLab('probes', { labsDir: labs.dir, kinds: testKinds }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(LabValidationError);
    expect((error as LabValidationError).issues).to.have.length(2);
    expect((error as Error).message).to.match(/^lab "probes" is not valid \(2 problems\)/);
  });

  it('refuses extra files that would reach outside the submission', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace(
        'timeouts:',
        'extraFiles: [answers.yaml, ../../etc/passwd, /root/x]\ntimeouts:',
      ),
    );
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:4: extraFiles[1]: "../../etc/passwd" is not a plain relative path; expected a path inside the submission, without ".." or a leading "/"',
      'labs/probes/lab.yaml:4: extraFiles[2]: "/root/x" is not a plain relative path; expected a path inside the submission, without ".." or a leading "/"',
    ]);
  });

  it('says which forms a value may take when it matches none', async () => {
    const issues = await issuesOf(
      'probes',
      validLabYaml().replace('  default: 90s', '  default: true'),
    );
    expect(issues).to.deep.equal([
      'labs/probes/lab.yaml:5: timeouts.default: expected number or string, received boolean',
    ]);
  });
});
