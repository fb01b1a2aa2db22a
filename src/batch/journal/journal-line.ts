import { clip } from '../bounded-list.js';
import type { JournalEntry } from './journal.js';

/**
 * The longest journal line written. Lists are summarised before (bounded-list.ts), so only a check's
 * evidence or messages can push a line past this; then evidence is left out and messages clipped,
 * scores and statuses kept, and the report's message says so.
 */
export const MAX_JOURNAL_LINE_BYTES = 256 * 1024;

/** `entry` as one JSON line of at most MAX_JOURNAL_LINE_BYTES (without the newline). */
export function journalLine(entry: JournalEntry): string {
  const line = JSON.stringify(entry);
  if (Buffer.byteLength(line, 'utf8') <= MAX_JOURNAL_LINE_BYTES) return line;
  const note = `evidence left out: the journal line was ${Buffer.byteLength(line, 'utf8')} bytes, over ${MAX_JOURNAL_LINE_BYTES}`;
  const { report } = entry;
  const shrunk: JournalEntry = {
    ...entry,
    report: {
      ...report,
      message: report.message === undefined ? note : `${clip(report.message)}; ${note}`,
      checks: report.checks.map((check) => ({
        ...check,
        message: clip(check.message),
        ...(check.hint === undefined ? {} : { hint: clip(check.hint) }),
        evidence: {},
      })),
    },
  };
  return JSON.stringify(shrunk);
}
