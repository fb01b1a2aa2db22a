import { expect } from 'chai';
import {
  assignStudentIds,
  MAX_STUDENT_ID_LENGTH,
  sanitizeStudentId,
} from '../../../src/batch/intake/student-id.js';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

describe('student ids', function () {
  it('lowercases and turns anything outside [a-z0-9] into single dashes', function () {
    expect(sanitizeStudentId('Alice Martin')).to.equal('alice-martin');
    expect(sanitizeStudentId('../x; rm -rf')).to.equal('x-rm-rf');
    expect(sanitizeStudentId('..x; rm -rf /')).to.equal('x-rm-rf');
  });

  it('drops accents instead of replacing the letter', function () {
    expect(sanitizeStudentId('Élodie Gaëtan')).to.equal('elodie-gaetan');
  });

  it('gives a name with nothing usable a hashed id that is still a DNS label', function () {
    const id = sanitizeStudentId('../;;');
    expect(id).to.match(/^s-[0-9a-f]{6}$/);
    expect(sanitizeStudentId('../;;')).to.equal(id);
  });

  it('keeps ids short enough for kubelab-<30-char lab>-<id> to fit in 63 characters', function () {
    const id = sanitizeStudentId('a'.repeat(100));
    expect(id.length).to.be.at.most(MAX_STUDENT_ID_LENGTH);
    expect(`kubelab-${'l'.repeat(30)}-${id}`.length).to.be.at.most(63);
  });

  it('separates names that sanitise alike with a stable hash suffix', function () {
    const ids = assignStudentIds(['Alice', 'alice', 'bob']);
    expect(ids.get('bob')).to.equal('bob');
    expect(ids.get('Alice')).to.not.equal(ids.get('alice'));
    for (const id of ids.values()) expect(id).to.match(DNS_LABEL);
    const again = assignStudentIds(['alice', 'bob', 'Alice', 'carol']);
    expect(again.get('Alice')).to.equal(ids.get('Alice'));
  });

  it('keeps suffixed ids within the length bound and free of trailing dashes', function () {
    const long = 'x'.repeat(40);
    const ids = assignStudentIds([`${long}1`, `${long}2`]);
    for (const id of ids.values()) {
      expect(id.length).to.be.at.most(MAX_STUDENT_ID_LENGTH);
      expect(id).to.match(DNS_LABEL);
    }
    expect(new Set(ids.values()).size).to.equal(2);
  });

  it('never gives a name the id another name got as its collision suffix (31 names, 31 ids)', function () {
    const suffixedAlice = assignStudentIds(['Alice', 'alice']).get('Alice') as string;
    const names = [
      'Alice',
      'alice',
      suffixedAlice,
      ...Array.from({ length: 28 }, (_, i) => `s${i}`),
    ];
    const ids = assignStudentIds(names);
    expect(ids.size).to.equal(31);
    expect(new Set(ids.values()).size, 'every name keeps an id of its own').to.equal(31);
    expect(ids.get(suffixedAlice), 'the plain name keeps its own id').to.equal(suffixedAlice);
    for (const id of ids.values()) expect(id).to.match(DNS_LABEL);
  });
});
