import { expect } from 'chai';
import { runCli } from '../../../../src/cli/app.js';
import { memoryIo } from '../../../../src/cli/io.js';
import { REPO_ROOT } from './repo-root.js';

const FIXTURES = 'test/fixtures/labs';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd: REPO_ROOT });
  const code = await runCli({ argv, io });
  return { code, out: io.out(), err: io.err() };
}

describe('kubelab list and validate on real lab directories', function () {
  this.timeout(30_000);

  it('lists a valid lab with its title, points and check count', async function () {
    const { code, out } = await run(['list', '--labs-dir', `${FIXTURES}/valid`]);
    expect(code).to.equal(0);
    expect(out).to.equal(
      'ID     TITLE             POINTS  CHECKS\nhello  Hello deployment     100       2\n',
    );
  });

  it('lists labs as JSON with --json', async function () {
    const { code, out } = await run(['list', '--json', '--labs-dir', `${FIXTURES}/valid`]);
    expect(code).to.equal(0);
    expect(JSON.parse(out)).to.deep.equal([
      { id: 'hello', title: 'Hello deployment', points: 100, checks: 2 },
    ]);
  });

  it('fails list with the lab and its problems when a lab is invalid', async function () {
    const { code, err } = await run(['list', '--labs-dir', `${FIXTURES}/schema-errors`]);
    expect(code).to.equal(2);
    expect(err).to.match(/^kubelab: lab "broken" is not valid/);
  });

  it('validates a clean labs directory with exit 0', async function () {
    const { code, out, err } = await run(['validate', `${FIXTURES}/valid`]);
    expect(out).to.equal('');
    expect(err).to.equal(`1 lab in ${FIXTURES}/valid: valid\n`);
    expect(code).to.equal(0);
  });

  it('prints each schema issue as file:line: path: message and exits 1', async function () {
    const { code, out } = await run(['validate', `${FIXTURES}/schema-errors`]);
    expect(code).to.equal(1);
    const file = `${FIXTURES}/schema-errors/broken/lab.yaml`;
    expect(out).to.equal(
      `${file}:8: checks[0].points: expected number, received string\n` +
        `${file}:15: checks[1].kind: unknown check kind "workload-redy"; did you mean "workload-ready"?\n` +
        `${file}:26: checks[2].params.replicaz: unknown field; did you mean "replicas"?\n`,
    );
  });

  it('gives the line and column of malformed YAML and exits 1', async function () {
    const { code, out } = await run(['validate', `${FIXTURES}/malformed`]);
    expect(code).to.equal(1);
    expect(out).to.match(
      /^test\/fixtures\/labs\/malformed\/garbled\/lab\.yaml:\d+: .*\(column \d+\)\n$/,
    );
  });

  it('names a labs directory that does not exist, with exit 2', async function () {
    const { code, err } = await run(['validate', `${FIXTURES}/nope`]);
    expect(code).to.equal(2);
    expect(err).to.include(`labs directory ${FIXTURES}/nope does not exist`);
  });
});
