import { expect } from 'chai';
import { studentFile, UnsafeStudentIdError } from '../../../../src/batch/outputs/output-file.js';

describe('per-student output files', () => {
  it('names a file after a sanitised student id', () => {
    expect(studentFile('feedback', 'x-rm-rf', 'md')).to.equal('feedback/x-rm-rf.md');
  });

  for (const id of ['../x', 'a/b', '', 'Alice', '-a', 'a;rm']) {
    it(`refuses to name a file after ${JSON.stringify(id)}`, () => {
      expect(() => studentFile('feedback', id, 'md')).to.throw(UnsafeStudentIdError, 'DNS label');
    });
  }
});
