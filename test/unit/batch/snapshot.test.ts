import { expect } from 'chai';
import { link, mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LISTED } from '../../../src/batch/bounded-list.js';
import { MAX_SUBMISSION_FILES, snapshotSubmission } from '../../../src/batch/intake/snapshot.js';

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

  it('lists the first refused files and counts the rest when a folder holds thousands', async function () {
    for (let i = 0; i < 3000; i += 1)
      await writeFile(join(dir, `f${String(i).padStart(5, '0')}.txt`), 'x');
    const snap = await snapshotSubmission(dir);
    try {
      expect((await readdir(snap.dir)).length).to.equal(MAX_SUBMISSION_FILES);
      expect(snap.problems).to.have.length(MAX_LISTED + 1);
      expect(snap.problems[0]).to.deep.equal({
        path: 'f00200.txt',
        reason: `refused: more than ${MAX_SUBMISSION_FILES} files`,
      });
      const last = snap.problems[MAX_LISTED];
      expect(last?.path).to.equal('…');
      expect(last?.count).to.equal(3000 - MAX_SUBMISSION_FILES - MAX_LISTED);
      expect(last?.reason).to.equal('refused: … and 2780 more not listed (2800 in all)');
    } finally {
      await snap.dispose();
    }
  });

  it('refuses a hard link instead of copying the data of the file it shares', async function () {
    const outside = await mkdtemp(join(tmpdir(), 'snapshot-outside-'));
    try {
      await writeFile(join(outside, 'secret'), 'SECRET-FIRST-BYTES\n');
      await link(join(outside, 'secret'), join(dir, 'pod.yaml'));
      const snap = await snapshotSubmission(dir);
      try {
        expect(await readdir(snap.dir)).to.deep.equal([]);
        expect(snap.problems.map((p) => p.path)).to.deep.equal(['pod.yaml']);
        expect(snap.problems[0]?.reason).to.match(/^refused: a hard link/);
      } finally {
        await snap.dispose();
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
