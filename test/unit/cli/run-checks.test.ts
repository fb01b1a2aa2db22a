import { expect } from 'chai';
import { submissionDirFor } from '../../../src/cli/run-checks.js';

describe('the submission directory of check', function () {
  it('defaults to ./kubelab-work/<lab>', function () {
    expect(submissionDirFor({ cwd: '/home/s', dir: undefined, all: false })('probes')).to.equal(
      '/home/s/kubelab-work/probes',
    );
  });

  it('is --dir itself for one lab', function () {
    expect(submissionDirFor({ cwd: '/home/s', dir: 'mine', all: false })('probes')).to.equal(
      '/home/s/mine',
    );
    expect(submissionDirFor({ cwd: '/home/s', dir: '/abs', all: false })('probes')).to.equal(
      '/abs',
    );
  });

  it('holds one directory per lab with --all', function () {
    expect(submissionDirFor({ cwd: '/home/s', dir: 'subs', all: true })('pv-pvc')).to.equal(
      '/home/s/subs/pv-pvc',
    );
  });
});
