import { expect } from 'chai';
import { memoryIo } from '../../../src/cli/io.js';
import { fitLine, progressDisplay } from '../../../src/cli/progress.js';
import type { CheckResult } from '../../../src/model/result.js';

const result = (status: CheckResult['status']): CheckResult => ({
  id: 'liveness',
  title: 'Liveness probe',
  kind: 'k',
  status,
  points: status === 'passed' ? 30 : 0,
  maxPoints: 30,
  message: 'm',
  evidence: {},
  visibility: 'visible',
  durationMs: 41_230,
});

describe('check progress off a terminal', function () {
  it('writes a line when a check starts and one when it ends, nothing for its progress', async function () {
    const io = memoryIo();
    const display = progressDisplay({
      labId: 'probes',
      checks: [{ id: 'liveness', title: 'Liveness probe' }],
      stream: io.stderr,
      live: false,
    });
    const base = { labId: 'probes', checkId: 'liveness', title: 'Liveness probe' };
    display.onEvent({ type: 'check-start', ...base });
    display.onEvent({
      type: 'check-progress',
      ...base,
      activity: 'waiting for pod web to restart',
    });
    expect(io.err()).to.equal('… probes/liveness  Liveness probe\n');
    display.onEvent({ type: 'check-end', ...base, result: result('failed') });
    await display.finish();
    expect(io.err()).to.equal(
      '… probes/liveness  Liveness probe\n✗ probes/liveness  Liveness probe  0/30  41.2s\n',
    );
  });
});

describe('live progress titles', function () {
  it('cut a long activity to one line with an ellipsis', function () {
    expect(fitLine('waiting for pod\nweb-0 to be Ready', 100)).to.equal(
      'waiting for pod web-0 to be Ready',
    );
    expect(fitLine('abcdefghij', 5)).to.equal('abcd…');
  });
});
