import { expect } from 'chai';
import { optionValue, passwordCandidates } from '../../../../checks/lib/db/mariadb.js';

describe('optionValue', function () {
  it('reads a server option from its group, dashes and underscores alike', function () {
    expect(optionValue('[mariadbd]\nmax-connections = 42\n', 'max_connections')).to.equal('42');
  });

  it('ignores client groups and comments, and keeps the last value like the server', function () {
    const cnf =
      '[client]\nmax_connections = 7\n[mysqld]\nmax_connections = 10 # first\n[server]\nmax_connections=42\n';
    expect(optionValue(cnf, 'max_connections')).to.equal('42');
  });

  it('returns undefined when the option is not set for the server', function () {
    expect(optionValue('[client]\nmax_connections = 42\n', 'max_connections')).to.equal(undefined);
  });
});

describe('passwordCandidates', function () {
  it("tries the course's newline-terminated password as stored, then without the newline", function () {
    expect(passwordCandidates('mysecretpass\n')).to.deep.equal(['mysecretpass\n', 'mysecretpass']);
  });

  it('tries a clean password once', function () {
    expect(passwordCandidates('mysecretpass')).to.deep.equal(['mysecretpass']);
  });
});
