import { expect } from 'chai';
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotSubmission } from '../../../src/batch/snapshot.js';

describe('copying a submission before grading', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'snapshot-test-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies regular files and reports links and oversized files without reading them', async function () {
    await writeFile(join(dir, 'deployment.yaml'), 'kind: Deployment\n');
    await mkdir(join(dir, 'static'));
    await writeFile(join(dir, 'static', 'pod.yaml'), 'kind: Pod\n');
    await symlink('/etc/passwd', join(dir, 'passwd.yaml'));
    await writeFile(join(dir, 'big.yaml'), '');
    await truncate(join(dir, 'big.yaml'), 50 * 1024 * 1024);
    const snap = await snapshotSubmission(dir);
    try {
      const copied = await readdir(snap.dir, { recursive: true });
      expect(copied.sort()).to.deep.equal(['deployment.yaml', 'static', 'static/pod.yaml']);
      expect(snap.problems.map((p) => p.path)).to.deep.equal(['big.yaml', 'passwd.yaml']);
      expect(snap.problems[0]?.reason).to.match(/50 MiB is larger than 256 KiB/);
      expect(snap.problems[1]?.reason).to.match(/symbolic link \(never followed\)/);
    } finally {
      await snap.dispose();
    }
  });
});
