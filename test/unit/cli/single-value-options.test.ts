import { expect } from 'chai';
import { UsageError } from '../../../src/cli/errors.js';
import { parse } from './parse.js';

describe('single-value options', function () {
  it('refuses --out given twice with a usage error naming the option, before the command runs', async function () {
    const parsed = await parse(['grade', 'subs', '--out', 'a', '--out', 'b']);
    expect(parsed.call, 'no command is dispatched').to.equal(undefined);
    expect(parsed.error).to.be.instanceOf(UsageError);
    expect((parsed.error as Error).message).to.equal(
      '--out was given 2 times ("a", "b"); expected it once',
    );
  });

  it('refuses a repeated --timeout on grade', async function () {
    const parsed = await parse([
      'grade',
      'subs',
      '--out',
      'o',
      '--timeout',
      '1m',
      '--timeout',
      '2m',
    ]);
    expect(parsed.error).to.be.instanceOf(UsageError);
    expect((parsed.error as Error).message).to.match(/^--timeout was given 2 times/);
  });

  it('still accepts a repeatable option given twice (--regrade)', async function () {
    const parsed = await parse(['grade', 'subs', '--out', 'o', '--regrade', 'a', '--regrade', 'b']);
    expect(parsed.error).to.equal(undefined);
    expect(parsed.call?.command).to.equal('grade');
  });
});
