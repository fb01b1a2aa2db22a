import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'kubelab.js');
const hook = join(root, 'test', 'support', 'module-log', 'register.mjs');
const CLIENT = '/node_modules/@kubernetes/client-node/';

/** The modules a whole `kubelab <argv>` process resolved (it runs through bin/, as installed). */
async function modulesLoadedBy(argv: readonly string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-modules-'));
  const log = join(dir, 'modules.log');
  try {
    await promisify(execFile)(process.execPath, ['--import', hook, bin, ...argv], {
      cwd: dir,
      env: { ...process.env, KUBELAB_MODULE_LOG: log, KUBECONFIG: join(dir, 'none') },
    }).catch((error: unknown) => error); // the exit code is not what this test is about
    return (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('startup imports', function () {
  // Whole processes that compile the sources through tsx in a checkout.
  this.timeout(120_000);

  for (const argv of [
    ['--help'],
    ['list'],
    ['validate'],
    ['completion'],
    ['--get-yargs-completions', 'kubelab', 'check', ''],
  ]) {
    it(`kubelab ${argv.join(' ')} does not load the Kubernetes client`, async function () {
      const modules = await modulesLoadedBy(argv);
      expect(modules.length, 'modules logged').to.be.greaterThan(10);
      expect(modules.filter((url) => url.includes(CLIENT))).to.deep.equal([]);
    });
  }

  it("kubelab list loads no check kind (their params are validate's to judge)", async function () {
    const modules = await modulesLoadedBy(['list']);
    expect(modules.filter((url) => /\/checks\/[^/]+\.(ts|js)$/.test(url))).to.deep.equal([]);
    const validate = await modulesLoadedBy(['validate']);
    expect(validate.filter((url) => /\/checks\/[^/]+\.(ts|js)$/.test(url))).not.to.deep.equal([]);
  });

  it('sees the Kubernetes client when a command does load it (doctor)', async function () {
    const modules = await modulesLoadedBy(['doctor']);
    expect(modules.some((url) => url.includes(CLIENT))).to.equal(true);
  });
});
