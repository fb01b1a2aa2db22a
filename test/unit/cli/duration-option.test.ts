import { expect } from 'chai';
import { durationOption } from '../../../src/cli/duration-option.js';
import { UsageError } from '../../../src/cli/errors.js';
import { Duration } from '../../../src/model/duration.js';
import { parse } from './parse.js';

describe('duration options', function () {
  it('accepts durations up to 24h', function () {
    expect(durationOption('--timeout', '10m')).to.equal(600_000);
    expect(durationOption('--timeout', '24h')).to.equal(86_400_000);
  });

  it("refuses --timeout 600h, which would overflow Node's timers, naming the limit", function () {
    expect(() => durationOption('--timeout', '600h'))
      .to.throw(UsageError)
      .with.property(
        'message',
        '--timeout: expected at most 24h, got "600h"; use a shorter duration',
      );
  });

  it('refuses 9999999999h with a usage error instead of a RangeError later', function () {
    expect(() => durationOption('--timeout', '9999999999h')).to.throw(UsageError, /at most 24h/);
  });

  it('refuses grade --timeout 600h while parsing, before any work starts', async function () {
    const parsed = await parse(['grade', 'subs', '--out', 'o', '--timeout', '600h']);
    expect(parsed.call).to.equal(undefined);
    expect(parsed.error).to.be.instanceOf(UsageError);
  });

  it('refuses cleanup --timeout 600h too', async function () {
    const parsed = await parse(['cleanup', '--timeout', '600h']);
    expect(parsed.error).to.be.instanceOf(UsageError);
    expect((parsed.error as Error).message).to.match(/^--timeout: expected at most 24h/);
  });

  it('refuses a lab.yaml duration above 24h', function () {
    const result = Duration.safeParse('600h');
    expect(result.success).to.equal(false);
    expect(result.error?.issues[0]?.message).to.equal(
      'expected at most 24h, got "600h"; use a shorter duration',
    );
  });
});
