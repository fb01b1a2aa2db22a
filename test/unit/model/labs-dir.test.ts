import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  LabsDirError,
  defaultLabsDir,
  listLabIds,
  packageRoot,
  resolveLabDir,
} from '../../../src/model/labs-dir.js';
import { UnknownLabError } from '../../../src/model/unknown-lab-error.js';
import { tempLabs, validLabYaml, type TempLabs } from './lab-fixture.js';

describe('the labs directory', () => {
  let labs: TempLabs;
  before(async () => {
    labs = await tempLabs();
    for (const id of ['probes', 'pv-pvc', 'statefulset']) await labs.add(id, validLabYaml(id));
  });
  after(() => labs.remove());

  it('defaults to the labs shipped next to the package', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).to.equal(true);
    expect(defaultLabsDir()).to.equal(join(packageRoot(), 'labs'));
  });

  it('lists lab ids sorted', async () => {
    expect(await listLabIds(labs.dir)).to.deep.equal(['probes', 'pv-pvc', 'statefulset']);
  });

  it('suggests the nearest id for an unknown lab', async () => {
    const error = await resolveLabDir(labs.dir, 'probe').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownLabError);
    expect((error as UnknownLabError).message).to.equal(
      'unknown lab "probe"; did you mean "probes"?',
    );
    expect((error as UnknownLabError).suggestions).to.deep.equal(['probes']);
  });

  it('lists the known labs when nothing is close', async () => {
    const error = (await resolveLabDir(labs.dir, 'networking').catch((e: unknown) => e)) as Error;
    expect(error.message).to.equal(
      'unknown lab "networking"; expected one of probes, pv-pvc, statefulset (run "kubelab list" to see them)',
    );
  });

  it('never turns an id into a path outside the labs directory', async () => {
    for (const id of ['../probes', 'probes/../probes', '/etc', '.']) {
      const error = await resolveLabDir(join(labs.dir, 'probes'), id).catch((e: unknown) => e);
      expect(error, id).to.be.instanceOf(UnknownLabError);
    }
  });

  it('says which labs directory it cannot read', async () => {
    const error = await listLabIds(join(labs.dir, 'nope')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(LabsDirError);
    expect((error as Error).message).to.match(
      /^cannot read the labs directory .*nope; expected a directory holding <lab-id>\/lab\.yaml/,
    );
  });
});
