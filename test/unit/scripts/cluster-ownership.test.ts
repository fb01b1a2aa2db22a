import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clusterDir = join(root, 'scripts', 'cluster');

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
}

/**
 * Runs a script as an unprivileged user (nobody, when the tests run as root): the ownership check
 * comes before the root check, so a check that failed to refuse would stop at "run as root" and
 * could never reach the real node of this machine.
 */
async function unprivileged(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const asNobody = process.getuid?.() === 0;
  const [command, ...args] = asNobody
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv]
    : [...argv];
  try {
    const { stdout, stderr } = await promisify(execFile)(command as string, args, {
      cwd: root,
      env: { PATH: process.env['PATH'], ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

describe('cluster scripts on a node they did not create', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async function () {
    // A foreign node, in fake dirs: kubelet state and a static pod manifest, no kubelab marker.
    dir = await mkdtemp(join(tmpdir(), 'kubelab-ownership-'));
    await chmod(dir, 0o755);
    for (const sub of ['state', 'kubelet', 'manifests', 'home']) {
      await mkdir(join(dir, sub));
      await chmod(join(dir, sub), 0o777);
    }
    await writeFile(join(dir, 'kubelet', 'config.yaml'), 'kind: KubeletConfiguration\n');
    await writeFile(join(dir, 'manifests', 'etcd.yaml'), 'kind: Pod\n');
    env = {
      HOME: join(dir, 'home'),
      KUBELAB_STATE: join(dir, 'state'),
      KUBELAB_KUBELET_ROOT: join(dir, 'kubelet'),
      KUBELAB_MANIFESTS_DIR: join(dir, 'manifests'),
    };
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [argv, refusal] of [
    [['bash', join(clusterDir, 'down.sh'), '--purge'], 'refusing to stop and purge this node'],
    [['bash', join(clusterDir, 'down.sh')], 'refusing to stop this node'],
    [['bash', join(clusterDir, 'up.sh')], "refusing to start kubelab's cluster"],
    [['bash', join(root, 'scripts', 'test-ci.sh')], 'refusing to stop and purge this node'],
  ] as const) {
    it(`${argv.slice(1).join(' ').replace(root, '')} refuses, names what it found, touches nothing`, async function () {
      const run = await unprivileged(argv, env);
      expect(run.code, run.stderr).to.equal(1);
      expect(run.stderr).to.include(refusal);
      // One indented line per sign found, each of them (kubelet state comes first).
      expect(run.stderr).to.include(`\n  kubelet state in ${join(dir, 'kubelet')}\n`);
      expect(run.stderr).to.include(
        `\n  static pod manifest ${join(dir, 'manifests', 'etcd.yaml')}\n`,
      );
      expect(run.stderr).to.include('Nothing was touched');
      expect(run.stderr).not.to.include('run as root');
      expect(await readdir(join(dir, 'manifests'))).to.deep.equal(['etcd.yaml']);
      expect(await readdir(join(dir, 'kubelet'))).to.deep.equal(['config.yaml']);
      expect(await readdir(join(dir, 'state'))).to.deep.equal([]);
    });
  }

  it('refuses a marker written on another machine', async function () {
    await writeFile(join(dir, 'state', 'owner'), 'node=kubelab-control-plane machine=elsewhere\n');
    const run = await unprivileged(['bash', join(clusterDir, 'down.sh'), '--purge'], env);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.include("says 'node=kubelab-control-plane machine=elsewhere'");
    expect(run.stderr).to.include('Nothing was touched');
  });

  it('counts a kubelet process of this machine, and not one in a container of its own (a kind node)', async function () {
    // A process named kubelet, run here and in a new mount namespace (as a kind node's is): only
    // the first is a sign. Needs root for unshare and for reading another process's namespace.
    if (process.getuid?.() !== 0) this.skip();
    const kubelet = join(dir, 'kubelet-bin', 'kubelet');
    await mkdir(join(dir, 'kubelet-bin'));
    await copyFile('/bin/sleep', kubelet);
    const script = [
      `source '${clusterDir}/lib.sh'; source '${clusterDir}/ownership.sh'`,
      `rm -rf '${join(dir, 'kubelet')}'/* '${join(dir, 'manifests')}'/*`,
      `unshare --mount --propagation private '${kubelet}' 20 & contained=$!`,
      `'${kubelet}' 20 & here=$!`,
      'sleep 0.5',
      'kubernetes_signs | grep -E "pid ($contained|$here)\\)" | sed -e "s/$contained/CONTAINED/" -e "s/$here/HERE/"',
      'kill $contained $here',
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { PATH: process.env['PATH'], ...env },
    });
    // A copy of sleep named kubelet: its comm is "kubelet".
    expect(stdout.trim().split('\n')).to.deep.equal(['process kubelet (pid HERE)']);
  });

  it('allows the node whose marker up.sh wrote on this machine (control)', async function () {
    const script = `source '${clusterDir}/lib.sh'; source '${clusterDir}/ownership.sh'; write_owner_marker; require_own_cluster test && echo allowed`;
    const run = await unprivileged(['bash', '-c', script], env);
    expect(run.stdout.trim(), run.stderr).to.equal('allowed');
  });
});
