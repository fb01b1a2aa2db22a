import { expect } from 'chai';
import { formatLabIssue, formatPath, sortLabIssues } from '../../../src/model/lab-issue.js';

describe('lab issues', () => {
  it('writes paths with dots for names and brackets for indexes', () => {
    expect(formatPath(['checks', 2, 'params', 'name'])).to.equal('checks[2].params.name');
    expect(formatPath(['timeouts', 'workload-ready'])).to.equal('timeouts.workload-ready');
    expect(formatPath(['params', 'app.kubernetes.io/name'])).to.equal(
      'params["app.kubernetes.io/name"]',
    );
    expect(formatPath([])).to.equal('');
  });

  it('reads file:line: path: message, leaving out what is unknown', () => {
    expect(
      formatLabIssue({
        file: 'labs/probes/lab.yaml',
        line: 14,
        path: 'checks[2].points',
        message: 'expected number, received string',
      }),
    ).to.equal('labs/probes/lab.yaml:14: checks[2].points: expected number, received string');
    expect(
      formatLabIssue({ file: 'labs/probes', path: '', message: 'README.md is missing' }),
    ).to.equal('labs/probes: README.md is missing');
  });

  it('sorts issues by file, then line', () => {
    const sorted = sortLabIssues([
      { file: 'b', path: '', message: 'x', line: 1 },
      { file: 'a', path: 'p', message: 'y', line: 10 },
      { file: 'a', path: 'q', message: 'z', line: 9 },
    ]);
    expect(sorted.map((i) => `${i.file}:${i.line}`)).to.deep.equal(['a:9', 'a:10', 'b:1']);
  });
});
