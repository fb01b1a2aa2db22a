import { expect } from 'chai';
import { resolveTimeoutMs, UNKNOWN_KIND_TIMEOUT_MS } from '../../../src/runner/timeouts.js';

describe('resolveTimeoutMs', () => {
  const kind = { defaultTimeoutMs: 120_000 };

  it('uses the check’s own timeout first', () => {
    expect(
      resolveTimeoutMs({
        check: { kind: 'workload-ready', timeout: 5_000 },
        lab: { timeouts: { 'workload-ready': 60_000, default: 30_000 } },
        kind,
      }),
    ).to.equal(5_000);
  });

  it('falls back to the lab’s timeout for the kind, then the lab’s default', () => {
    const check = { kind: 'workload-ready', timeout: undefined };
    expect(
      resolveTimeoutMs({
        check,
        lab: { timeouts: { 'workload-ready': 60_000, default: 30_000 } },
        kind,
      }),
    ).to.equal(60_000);
    expect(resolveTimeoutMs({ check, lab: { timeouts: { default: 30_000 } }, kind })).to.equal(
      30_000,
    );
  });

  it('uses the kind’s default when neither the check nor the lab sets one', () => {
    expect(
      resolveTimeoutMs({
        check: { kind: 'workload-ready', timeout: undefined },
        lab: { timeouts: {} },
        kind,
      }),
    ).to.equal(120_000);
  });

  it('has a fallback for an unknown kind', () => {
    expect(
      resolveTimeoutMs({
        check: { kind: 'nope', timeout: undefined },
        lab: { timeouts: {} },
        kind: undefined,
      }),
    ).to.equal(UNKNOWN_KIND_TIMEOUT_MS);
  });
});
