import { expect } from 'chai';
import { formatLabIssue } from '../../../src/model/lab-issue.js';
import { defaultLabsDir, listLabIds } from '../../../src/model/labs-dir.js';
import { validateLabDir } from '../../../src/catalogue/load-lab.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { join } from 'node:path';

describe('the labs shipped with kubelab', () => {
  it('all validate against the lab schema and their kinds’ params', async function () {
    this.timeout(60_000); // imports every check kind under checks/
    const kinds = await loadCheckKinds();
    const labsDir = defaultLabsDir();
    const problems: string[] = [];
    for (const id of await listLabIds(labsDir)) {
      const { issues } = await validateLabDir(join(labsDir, id), { kinds });
      problems.push(...issues.map(formatLabIssue));
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
