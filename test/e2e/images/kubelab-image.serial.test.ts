/**
 * kubelab's own image, as the Indexed Job of deploy/grade-indexed-job.yaml runs it: built by
 * scripts/images/kubelab/build.sh (cached when nothing changed), loaded into podman and run there,
 * with the Job's security context (uid 1000, read-only root, HOME on a writable /tmp, no
 * capabilities). Needs podman and root (the build writes files owned by uid 1000), not the cluster;
 * without them the suite is pending with the reason.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { REPO_ROOT } from '../support/index.js';

const BUILD_SCRIPT = 'scripts/images/kubelab/build.sh';
/** A cold build (Node download, npm ci, npm pack, packing) took 3 min on the loaded 2-core VM. */
const BUILD_TIMEOUT_MS = 15 * 60_000;
/** One short-lived container: podman's start and kubelab's, on a loaded machine. */
const RUN_TIMEOUT_MS = 60_000;

const run = promisify(execFile);

/** What deploy/grade-indexed-job.yaml's securityContext and volumes give the container. */
const JOB_LIKE = [
  '--read-only',
  '--tmpfs=/tmp',
  '--env=HOME=/tmp',
  '--cap-drop=ALL',
  '--security-opt=no-new-privileges',
];

async function commandExists(name: string): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v "$1"', 'sh', name]);
    return true;
  } catch {
    return false;
  }
}

describe("kubelab's own image, run with podman", function () {
  this.timeout(RUN_TIMEOUT_MS);
  let ref = '';

  /** `podman run --rm` of the image with args (podman options first); stdout, trimmed. */
  async function podman(options: readonly string[], args: readonly string[] = []): Promise<string> {
    const { stdout } = await run('podman', ['run', '--rm', ...options, ref, ...args], {
      timeout: RUN_TIMEOUT_MS,
    });
    return stdout.trim();
  }

  before(async function () {
    const missing = !(await commandExists('podman'))
      ? 'podman is not installed'
      : process.getuid?.() !== 0
        ? `${BUILD_SCRIPT} needs root`
        : undefined;
    if (missing !== undefined) {
      process.stderr.write(`kubelab image suite pending: ${missing}\n`);
      this.skip();
    }
    this.timeout(BUILD_TIMEOUT_MS);
    ref = (await run('bash', [BUILD_SCRIPT, '--ref'], { cwd: REPO_ROOT })).stdout.trim();
    await run('bash', [BUILD_SCRIPT, '--podman'], {
      cwd: REPO_ROOT,
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  });

  it("prints package.json's version", async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await podman(JOB_LIKE, ['--version'])).to.equal(version);
  });

  it('lists every lab of labs/, from the bundled labs', async () => {
    const entries = await readdir(join(REPO_ROOT, 'labs'), { withFileTypes: true });
    const labs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    const listed = (await podman(JOB_LIKE, ['list']))
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0]);
    expect(listed.sort()).to.deep.equal(labs.sort());
  });

  it('shows the help by default and for grade', async () => {
    expect(await podman(JOB_LIKE)).to.contain('kubelab <command>');
    expect(await podman(JOB_LIKE, ['grade', '--help'])).to.contain('--shard');
  });

  it('runs as uid 1000 with a home directory of its own', async () => {
    expect(await podman(['--entrypoint=id'])).to.equal(
      'uid=1000(node) gid=1000(node) groups=1000(node)',
    );
    expect(
      await podman(['--entrypoint=sh'], ['-c', 'echo "$HOME"; test -w "$HOME" && echo writable']),
    ).to.equal('/home/node\nwritable');
  });

  it("starts the way the Job's command does: sh -c 'exec kubelab …' with the shard arithmetic", async () => {
    const script = 'exec kubelab grade --help --shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"';
    const out = await podman(
      [...JOB_LIKE, '--env=SHARDS=4', '--env=JOB_COMPLETION_INDEX=0', '--entrypoint=sh'],
      ['-c', script],
    );
    expect(out).to.contain('kubelab grade <submissions>');
  });

  it('holds Node 20 and the production package only: no npm, sources, dev dependencies', async () => {
    const probe = [
      'node --version',
      'for p in /usr/local/bin/npm /app/src /app/test /app/node_modules/typescript /app/node_modules/esbuild /etc/ssl/certs/ca-certificates.crt; do',
      '  if [ -e "$p" ]; then echo "present $p"; else echo "absent $p"; fi',
      'done',
    ].join('\n');
    const lines = (await podman(['--entrypoint=sh'], ['-c', probe])).split('\n');
    expect(lines[0]).to.match(/^v20\./);
    expect(lines.slice(1)).to.deep.equal([
      'absent /usr/local/bin/npm',
      'absent /app/src',
      'absent /app/test',
      'absent /app/node_modules/typescript',
      'absent /app/node_modules/esbuild',
      'present /etc/ssl/certs/ca-certificates.crt',
    ]);
  });
});
