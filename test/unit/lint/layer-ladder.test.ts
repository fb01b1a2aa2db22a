import { expect } from 'chai';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/** The repository root, where eslint.config.js lives. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The no-restricted-imports messages eslint.config.js gives `code` as if it were at `filePath`. */
async function ladderErrors(eslint: ESLint, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the layer ladder lint rule', function () {
  // Loading the config and the TypeScript parser takes a few seconds on a busy machine.
  this.timeout(60_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  it('refuses a model file importing the runner', async () => {
    const errors = await ladderErrors(
      eslint,
      'src/model/upward.ts',
      "import { runLab } from '../runner/run-lab.js';\nexport const x = runLab;\n",
    );
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include('src/model sits below');
  });

  it('refuses engine code importing check code, at any depth', async () => {
    const errors = await ladderErrors(
      eslint,
      'src/batch/outputs/upward.ts',
      "import { answers } from '../../../checks/lib/answers.js';\nexport const x = answers;\n",
    );
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include('Engine code never imports check code');
  });

  it('refuses a check kind importing src/ other than through the door', async () => {
    const errors = await ladderErrors(
      eslint,
      'checks/sideways.ts',
      "import { defineCheck } from '../src/check-api/check-kind.js';\nexport const x = defineCheck;\n",
    );
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include('src/check-api/index.js');
  });

  it('refuses checks/lib reaching the runner', async () => {
    const errors = await ladderErrors(
      eslint,
      'checks/lib/sideways.ts',
      "import { runCheck } from '../../src/runner/run-check.js';\nexport const x = runCheck;\n",
    );
    expect(errors).to.have.length(1);
  });

  it('refuses the runner importing the lab session, and the session importing batch', async () => {
    const fromRunner = await ladderErrors(
      eslint,
      'src/runner/upward.ts',
      "import { labSession } from '../session/lab-session.js';\nexport const x = labSession;\n",
    );
    const fromSession = await ladderErrors(
      eslint,
      'src/session/upward.ts',
      "import { gradeSubmission } from '../batch/grade-submission.js';\nexport const x = gradeSubmission;\n",
    );
    expect(fromRunner).to.have.length(1);
    expect(fromRunner[0]).to.include('src/runner sits below');
    expect(fromSession).to.have.length(1);
    expect(fromSession[0]).to.include('src/session sits below');
  });

  it('allows batch and cli the lab session (control)', async () => {
    const errors = await ladderErrors(
      eslint,
      'src/batch/fine.ts',
      "import { labSession } from '../session/lab-session.js';\nexport const x = labSession;\n",
    );
    expect(errors).to.deep.equal([]);
  });

  it('allows check code the door and checks/lib (control)', async () => {
    const errors = await ladderErrors(
      eslint,
      'checks/fine.ts',
      "import { defineCheck } from '../src/check-api/index.js';\nimport { podWords } from './lib/pod-words.js';\nexport const x = [defineCheck, podWords];\n",
    );
    expect(errors).to.deep.equal([]);
  });

  it('allows each layer the layers below it (control)', async () => {
    const errors = await ladderErrors(
      eslint,
      'src/runner/fine.ts',
      [
        "import { maxScore } from '../report/score.js';",
        "import { loadCheckKinds } from '../catalogue/registry.js';",
        "import { defineCheck } from '../check-api/index.js';",
        "import type { Cluster } from '../cluster/cluster.js';",
        "import type { Lab } from '../model/lab.js';",
        'export const x = [maxScore, loadCheckKinds, defineCheck];',
        'export type Y = [Cluster, Lab];',
        '',
      ].join('\n'),
    );
    expect(errors).to.deep.equal([]);
  });
});
