import type { Evidence } from '../model/result.js';
import { cleanText } from './status-labels.js';

/** How much evidence a report shows per check: enough to act on, never a wall of logs. */
export const EVIDENCE_CAPS = {
  /** Lines of `expected` / `observed` text. */
  textLines: 12,
  fieldErrors: 5,
  /** The most recent events. */
  events: 5,
  /** Last lines of each log excerpt. */
  logLines: 10,
  logs: 2,
  notes: 5,
  /** Characters per line. */
  lineWidth: 200,
} as const;

/** One labelled block of evidence: `expected`, `observed`, `field errors`, `events`, `logs …`, `notes`. */
export interface EvidenceBlock {
  readonly label: string;
  readonly lines: readonly string[];
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const clip = (raw: string): string => {
  const line = cleanText(raw);
  return line.length > EVIDENCE_CAPS.lineWidth
    ? `${line.slice(0, EVIDENCE_CAPS.lineWidth - 1)}…`
    : line;
};

function firstLines(text: string, max: number): string[] {
  const lines = text.replace(/\s+$/, '').split('\n').map(clip);
  return lines.length > max
    ? [...lines.slice(0, max), `… ${plural(lines.length - max, 'more line')}`]
    : lines;
}

function lastLines(text: string, max: number): string[] {
  const lines = text.replace(/\s+$/, '').split('\n').map(clip);
  return lines.length > max
    ? [`… ${plural(lines.length - max, 'earlier line')}`, ...lines.slice(-max)]
    : lines;
}

function firstItems(items: readonly string[], max: number): string[] {
  return items.length > max
    ? [...items.slice(0, max).map(clip), `… ${items.length - max} more`]
    : items.map(clip);
}

/** Evidence as labelled blocks in the order the model declares, each capped by EVIDENCE_CAPS. */
export function summariseEvidence(evidence: Evidence): EvidenceBlock[] {
  const blocks: EvidenceBlock[] = [];
  if (evidence.expected !== undefined && evidence.expected !== '') {
    blocks.push({
      label: 'expected',
      lines: firstLines(evidence.expected, EVIDENCE_CAPS.textLines),
    });
  }
  if (evidence.observed !== undefined && evidence.observed !== '') {
    blocks.push({
      label: 'observed',
      lines: firstLines(evidence.observed, EVIDENCE_CAPS.textLines),
    });
  }
  if (evidence.fieldErrors !== undefined && evidence.fieldErrors.length > 0) {
    const lines = evidence.fieldErrors.map((e) => `${e.path}: ${e.message}`);
    blocks.push({ label: 'field errors', lines: firstItems(lines, EVIDENCE_CAPS.fieldErrors) });
  }
  if (evidence.events !== undefined && evidence.events.length > 0) {
    const events = evidence.events;
    const shown = events.slice(-EVIDENCE_CAPS.events).map(clip);
    const skipped = events.length - shown.length;
    blocks.push({
      label: 'events',
      lines:
        skipped > 0
          ? [`… ${skipped} earlier ${skipped === 1 ? 'event' : 'events'}`, ...shown]
          : shown,
    });
  }
  for (const log of (evidence.logs ?? []).slice(0, EVIDENCE_CAPS.logs)) {
    const which = log.previous ? ', previous' : '';
    blocks.push({
      label: `logs ${log.pod}/${log.container}${which}`,
      lines: log.text.trim() === '' ? ['(empty)'] : lastLines(log.text, EVIDENCE_CAPS.logLines),
    });
  }
  if (evidence.notes !== undefined && evidence.notes.length > 0) {
    blocks.push({ label: 'notes', lines: firstItems(evidence.notes, EVIDENCE_CAPS.notes) });
  }
  return blocks;
}

/** Blocks as indented plain text: `expected: …` on one line when short, else label then lines. */
export function evidenceText(blocks: readonly EvidenceBlock[], indent = ''): string[] {
  return blocks.flatMap((block) =>
    block.lines.length === 1
      ? [`${indent}${block.label}: ${block.lines[0] ?? ''}`]
      : [`${indent}${block.label}:`, ...block.lines.map((line) => `${indent}  ${line}`)],
  );
}
