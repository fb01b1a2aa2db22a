import { expect } from 'chai';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRoster } from '../../../src/batch/intake/roster.js';
import { DuplicateSubmissionError } from '../../../src/batch/intake/duplicate-submission-error.js';
import { assignStudentIds } from '../../../src/batch/intake/student-id.js';
import { discoverSubmissions } from '../../../src/batch/intake/submissions.js';
import { makeTarGz } from './archive-builders.js';

const LABS = new Set(['crash-recovery', 'probes']);

describe('finding the submissions', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'submissions-test-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes folders and archives, maps ids through the roster, and refuses top-level links', async function () {
    await mkdir(join(dir, 'Alice Martin', 'probes'), { recursive: true });
    await mkdir(join(dir, 'Alice Martin', 'not-a-lab'), { recursive: true });
    await mkdir(join(dir, '..x; rm -rf', 'crash-recovery'), { recursive: true });
    await mkdir(join(dir, '.git'));
    await writeFile(
      join(dir, 'bob.tar.gz'),
      makeTarGz([{ path: 'bob/crash-recovery/deployment.yaml', content: 'kind: Deployment\n' }]),
    );
    await symlink('/etc', join(dir, 'mallory'));
    const roster = parseRoster('dir,id,name\n"..x; rm -rf","../x; rm -rf",Eve\n');
    const found = await discoverSubmissions({ dir, roster, knownLabs: LABS });
    try {
      expect(found.map((s) => [s.student.id, s.student.dir, s.labs])).to.deep.equal([
        ['alice-martin', 'Alice Martin', ['probes']],
        ['bob', 'bob', ['crash-recovery']],
        ['mallory', 'mallory', []],
        ['x-rm-rf', '..x; rm -rf', ['crash-recovery']],
      ]);
      expect(found.find((s) => s.student.id === 'x-rm-rf')?.student.name).to.equal('Eve');
      expect(found.find((s) => s.student.id === 'mallory')?.problems[0]).to.match(
        /symbolic link \(never followed\)/,
      );
    } finally {
      await Promise.all(found.map((s) => s.dispose()));
    }
  });

  it("reports an unreadable archive as that student's problem, not the run's", async function () {
    await writeFile(join(dir, 'carol.zip'), 'not a zip');
    const [carol] = await discoverSubmissions({ dir, knownLabs: LABS });
    expect(carol?.student.id).to.equal('carol');
    expect(carol?.root).to.equal(undefined);
    expect(carol?.problems[0]).to.match(/archive refused: .*not a readable zip/);
  });

  it("grades every folder when one is named like another's collision-suffixed id", async function () {
    const suffixed = assignStudentIds(['Alice', 'alice']).get('Alice') as string;
    for (const name of ['Alice', 'alice', suffixed])
      await mkdir(join(dir, name, 'probes'), { recursive: true });
    const found = await discoverSubmissions({ dir, knownLabs: LABS });
    expect(found.map((s) => s.student.dir).sort()).to.deep.equal(
      ['Alice', 'alice', suffixed].sort(),
    );
    expect(new Set(found.map((s) => s.student.id)).size).to.equal(3);
  });

  it('refuses a folder and an archive of the same student before extracting anything', async function () {
    await mkdir(join(dir, 'alice', 'probes'), { recursive: true });
    await writeFile(
      join(dir, 'alice.tar.gz'),
      makeTarGz([{ path: 'probes/pod.yaml', content: 'kind: Pod\n' }]),
    );
    const error: unknown = await discoverSubmissions({ dir, knownLabs: LABS }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DuplicateSubmissionError);
    expect((error as Error).message).to.equal(
      'alice and alice.tar.gz are both submissions of student "alice"; expected one submission per student, so nothing was graded',
    );
  });

  it('refuses two folders the roster gives one id', async function () {
    await mkdir(join(dir, 'a1', 'probes'), { recursive: true });
    await mkdir(join(dir, 'a2', 'probes'), { recursive: true });
    const roster = parseRoster('dir,id,name\na1,alice,Alice\na2,alice,Alice B\n');
    const error: unknown = await discoverSubmissions({ dir, roster, knownLabs: LABS }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DuplicateSubmissionError);
    expect((error as DuplicateSubmissionError).entries).to.deep.equal(['a1', 'a2']);
  });
});
