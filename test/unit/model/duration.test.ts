import { expect } from 'chai';
import { Duration, formatDuration, parseDuration } from '../../../src/model/duration.js';

describe('durations', () => {
  it('parses units and combinations to milliseconds', () => {
    expect(parseDuration('90s')).to.equal(90_000);
    expect(parseDuration('2m')).to.equal(120_000);
    expect(parseDuration('1m30s')).to.equal(90_000);
    expect(parseDuration('500ms')).to.equal(500);
    expect(parseDuration('1h')).to.equal(3_600_000);
    expect(parseDuration(' 1.5s ')).to.equal(1500);
  });

  it('reads a bare number as seconds', () => {
    expect(parseDuration('45')).to.equal(45_000);
  });

  it('refuses text that is not entirely a duration', () => {
    for (const text of ['', 'abc', '10x', '5 m', '1m30', 's', '-5s'])
      expect(parseDuration(text), text).to.equal(undefined);
  });

  it('accepts a duration in lab.yaml as a string or a number of seconds', () => {
    expect(Duration.parse('2m')).to.equal(120_000);
    expect(Duration.parse(30)).to.equal(30_000);
  });

  it('says what a lab.yaml duration should look like when it is wrong', () => {
    const result = Duration.safeParse('soon');
    expect(result.success).to.equal(false);
    expect(result.error?.issues[0]?.message).to.equal(
      'expected a duration like 90s, 2m or 1m30s, got "soon"',
    );
    expect(Duration.safeParse(0).success).to.equal(false);
  });

  it('formats durations for people', () => {
    expect(formatDuration(250)).to.equal('250ms');
    expect(formatDuration(4_200)).to.equal('4.2s');
    expect(formatDuration(125_000)).to.equal('2m05s');
  });
});
