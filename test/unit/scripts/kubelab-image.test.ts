import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const script = 'scripts/images/kubelab/build.sh';

const read = (path: string): Promise<string> => readFile(new URL(path, `file://${repo}/`), 'utf8');

/** The image of the Job's grade container in deploy/grade-indexed-job.yaml. */
async function jobImage(): Promise<string> {
  const docs = parseAllDocuments(await read('deploy/grade-indexed-job.yaml')).map(
    (doc) => doc.toJS() as { kind?: string; spec?: unknown },
  );
  const job = docs.find((doc) => doc.kind === 'Job') as
    { spec: { template: { spec: { containers: { name: string; image: string }[] } } } } | undefined;
  if (job === undefined) throw new Error('deploy/grade-indexed-job.yaml holds no Job');
  const grade = job.spec.template.spec.containers.find((c) => c.name === 'grade');
  if (grade === undefined) throw new Error('the Job has no container named grade');
  return grade.image;
}

/** [major, minor, patch] of "20.19" or "20.20.2" (missing parts are 0). */
const versionParts = (version: string): number[] =>
  [0, 1, 2].map((i) => Number(version.split('.')[i] ?? '0'));

const atLeast = (version: number[], minimum: number[]): boolean => {
  for (let i = 0; i < 3; i += 1) {
    if (version[i] !== minimum[i]) return (version[i] ?? 0) > (minimum[i] ?? 0);
  }
  return true;
};

describe("kubelab's own image (scripts/images/kubelab/build.sh)", function () {
  this.timeout(20_000);

  it('is the image the Indexed Job of deploy/ runs, named for the version in package.json', async () => {
    const { stdout } = await promisify(execFile)('bash', [script, '--ref'], { cwd: repo });
    const version = (JSON.parse(await read('package.json')) as { version: string }).version;
    expect(stdout.trim()).to.equal(`localhost/kubelab:${version}`);
    expect(
      await jobImage(),
      `the Job's image; after a version bump, change it to ${stdout.trim()}`,
    ).to.equal(stdout.trim());
  });

  it("runs a Node that package.json's engines accept, of the major they name", async () => {
    const pinned = /^NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(await read(script))?.[1];
    expect(pinned, `${script} pins NODE_VERSION=<x.y.z>`).to.be.a('string');
    const engines = (JSON.parse(await read('package.json')) as { engines: { node: string } })
      .engines.node;
    const minimum = /^>=(\d+(?:\.\d+){0,2})$/.exec(engines)?.[1];
    expect(minimum, `package.json engines.node is ">=x.y": ${engines}`).to.be.a('string');
    const version = versionParts(pinned ?? '');
    const floor = versionParts(minimum ?? '');
    expect(atLeast(version, floor), `Node ${pinned} against engines ${engines}`).to.equal(true);
    expect(version[0], `Node ${pinned}: the major engines names`).to.equal(floor[0]);
  });
});
