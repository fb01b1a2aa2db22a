import { expect } from 'chai';
import { parseRoster, RosterError } from '../../../src/batch/intake/roster.js';

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
    const roster = parseRoster('dir,id\r\nalice,a.martin\r\nbob,b.rossi');
    expect([...roster.values()]).to.deep.equal([
      { dir: 'alice', id: 'a.martin' },
      { dir: 'bob', id: 'b.rossi' },
    ]);
  });

  it('reads a French spreadsheet export: semicolons, a BOM, commas and accents in names', function () {
    const roster = parseRoster(
      '\uFEFFdir;id;name\r\nalice;a.martin;Martin, Alice\r\n"bob;x";b.rossi;"Rossi; Bob ""BB"""\r\nzoé;;Zoé Dubois\r\n',
    );
    expect([...roster.values()]).to.deep.equal([
      { dir: 'alice', id: 'a.martin', name: 'Martin, Alice' },
      { dir: 'bob;x', id: 'b.rossi', name: 'Rossi; Bob "BB"' },
      { dir: 'zoé', name: 'Zoé Dubois' },
    ]);
  });

  it('reads a tab-separated roster', function () {
    expect(parseRoster('dir\tname\nalice\tAlice Martin\n').get('alice')?.name).to.equal(
      'Alice Martin',
    );
  });

  it('keeps commas in a semicolon roster inside the field, whatever the row', function () {
    const roster = parseRoster('dir;name\nalice;Martin, Alice, Jr\n');
    expect(roster.get('alice')?.name).to.equal('Martin, Alice, Jr');
  });

  it('names the file and the reason when the CSV cannot be parsed', function () {
    expect(() => parseRoster('dir,name\nalice,"Martin\n', 'class.csv')).to.throw(
      RosterError,
      /^class\.csv: not a CSV file: .*[Qq]uote/,
    );
  });

  it('says which separators it tried when no header names a dir column', function () {
    expect(() => parseRoster('folder|name\nalice|Alice\n', 'class.csv')).to.throw(
      RosterError,
      /class\.csv: expected a header row with a "dir" column .*dir;id;name/,
    );
  });
});
