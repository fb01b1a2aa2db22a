// Mocha's spec reporter, plus a closing digest any CI can read even when it keeps only the tail of
// the log: the first lines of each failure's message, then one plain line,
// "tests: 212 passed, 0 failed, 3 skipped" (pending tests count as skipped).
'use strict';
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

/** Lines of a failure's message kept in the digest, and characters kept per line. */
const DIGEST_LINES = 4;
const DIGEST_WIDTH = 240;

function digest(failure) {
  const message = String((failure.err && failure.err.message) || failure.err || 'failed');
  const lines = message
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, DIGEST_LINES)
    .map((line) => `    ${line.length > DIGEST_WIDTH ? `${line.slice(0, DIGEST_WIDTH)}…` : line}`);
  return [`  ✗ ${failure.fullTitle()}`, ...lines].join('\n');
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      if (this.failures.length > 0)
        process.stdout.write(`\nfailed:\n${this.failures.map(digest).join('\n')}\n\n`);
      process.stdout.write(`tests: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
