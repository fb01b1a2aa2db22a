import type { CheckStatus } from '../model/result.js';

/** How each status reads, per medium. */
export const STATUS_SYMBOL: Readonly<Record<CheckStatus, string>> = {
  passed: '✔',
  failed: '✘',
  error: '!',
  skipped: '–',
};

export const STATUS_WORD: Readonly<Record<CheckStatus, string>> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIP',
};

export const STATUS_EMOJI: Readonly<Record<CheckStatus, string>> = {
  passed: '✅',
  failed: '❌',
  error: '⚠️',
  skipped: '⏭️',
};

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what this strips
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Strips terminal escape sequences and control characters (except newline and tab) from untrusted text. */
export function cleanText(text: string): string {
  return text.replace(ANSI_ESCAPE, '').replace(CONTROL, '');
}
