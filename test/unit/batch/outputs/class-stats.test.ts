import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseJournal } from '../../../../src/batch/journal/journal.js';
import { mostFailedChecks } from '../../../../src/batch/outputs/class-stats.js';
import { classView } from '../../../../src/batch/outputs/class-view.js';
import { FIXTURE_LABS } from '../../../fixtures/batch/labs.js';
import { FIXTURE_DIR } from './golden.js';

describe('the checks most students did not pass', () => {
  it('come by rate, so 2 of 3 students ranks above 2 of 4', async () => {
    const { entries } = parseJournal(await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8'));
    const failed = mostFailedChecks(classView(entries, FIXTURE_LABS), 15);
    expect(failed.map((f) => `${f.labId}/${f.checkId} ${f.failed}/${f.graded}`)).to.deep.equal([
      'probes/right-port 3/4',
      'secrets-config/env-from-secret 2/3',
      'probes/liveness 2/4',
      'probes/startup 2/4',
      'secrets-config/secret-exists 1/3',
      'probes/web-ready 1/4',
      'probes/readiness 1/4',
    ]);
  });

  it('keep at most the limit, highest rates first', async () => {
    const { entries } = parseJournal(await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8'));
    const failed = mostFailedChecks(classView(entries, FIXTURE_LABS), 2);
    expect(failed.map((f) => f.checkId)).to.deep.equal(['right-port', 'env-from-secret']);
  });
});
