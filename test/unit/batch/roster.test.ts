import { expect } from 'chai';
import { parseCsv, parseRoster, RosterError } from '../../../src/batch/roster.js';

describe('the roster', function () {
  it('maps folder names to ids and display names, quoted fields included', function () {
    const roster = parseRoster(
      'dir,id,name\nalice,a.martin,"Martin, Alice"\n"..x; rm -rf","../x; rm -rf","Eve ""the hacker"""\n',
    );
    expect(roster.get('alice')).to.deep.equal({
      dir: 'alice',
      id: 'a.martin',
      name: 'Martin, Alice',
    });
    expect(roster.get('..x; rm -rf')?.name).to.equal('Eve "the hacker"');
  });

  it('says which header it expected when the dir column is missing', function () {
    expect(() => parseRoster('id,name\nx,y\n')).to.throw(RosterError, /"dir" column/);
  });

  it('refuses a folder listed twice', function () {
    expect(() => parseRoster('dir\na\na\n')).to.throw(RosterError, /row 3 lists dir "a" again/);
  });

  it('reads CRLF lines and a trailing line without newline', function () {
    expect(parseCsv('a,b\r\nc,d')).to.deep.equal([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
