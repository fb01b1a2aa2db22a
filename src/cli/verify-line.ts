import pc from 'picocolors';
import type { VerifyResult } from '../session/verify.js';

/**
 * `✓ probes  solution 100/100  starter fails 3/3 as expected  42.1s`, and on a mismatch the
 * reasons indented below, one per line.
 */
export function verifyLine(
  result: VerifyResult,
  options: { expectedStarterFails: readonly string[]; color: boolean },
): string {
  const colors = pc.createColors(options.color);
  const expected = new Set(options.expectedStarterFails);
  const failed = result.starter.checks
    .filter((check) => check.status !== 'passed')
    .map((check) => check.id);
  const expectedFailed = failed.filter((id) => expected.has(id)).length;
  const starter =
    result.ok || result.mismatches.every((m) => !m.startsWith('starter:'))
      ? `starter fails ${expectedFailed}/${expected.size} as expected`
      : `starter fails ${failed.length > 0 ? failed.join(', ') : 'nothing'} (expected ${[...expected].join(', ') || 'nothing'})`;
  const head = [
    result.ok ? colors.green('✓') : colors.red('✗'),
    result.labId,
    `solution ${result.solution.score}/${result.solution.maxScore}`,
    starter,
    `${(result.durationMs / 1000).toFixed(1)}s`,
  ].join('  ');
  const details = result.mismatches.map((mismatch) => `    ${mismatch}`);
  return `${[head.replace(/^(\S+) {2}/, '$1 '), ...details].join('\n')}\n`;
}
