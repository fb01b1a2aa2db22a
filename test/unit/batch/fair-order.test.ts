import { expect } from 'chai';
import { fairOrder } from '../../../src/batch/schedule/fair-order.js';

describe('fair ordering', function () {
  it('takes one lab per student per round, students and labs sorted', function () {
    const items = [
      { studentId: 'bob', labId: 'probes' },
      { studentId: 'alice', labId: 'probes' },
      { studentId: 'alice', labId: 'crash-recovery' },
      { studentId: 'alice', labId: 'pv-pvc' },
      { studentId: 'carol', labId: 'probes' },
      { studentId: 'bob', labId: 'crash-recovery' },
    ];
    expect(fairOrder(items).map((i) => `${i.studentId}/${i.labId}`)).to.deep.equal([
      'alice/crash-recovery',
      'bob/crash-recovery',
      'carol/probes',
      'alice/probes',
      'bob/probes',
      'alice/pv-pvc',
    ]);
  });

  it('gives the same order whatever the input order', function () {
    const items = Array.from({ length: 12 }, (_, i) => ({
      studentId: `s${i % 4}`,
      labId: `l${i % 3}`,
    }));
    const reversed = [...items].reverse();
    expect(fairOrder(reversed)).to.deep.equal(fairOrder(items));
  });
});
