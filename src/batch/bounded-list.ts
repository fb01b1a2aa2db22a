/**
 * Lists a grader writes about one submission (refused files, refused documents, archive entries)
 * are summarised: the first entries, then how many more. One student handing in 100 000 files gets
 * a readable feedback page, and the journal line, results.json and summary.html stay small.
 */

/** Entries listed per list; the rest are counted. */
export const MAX_LISTED = 20;
/** One listed line (a path and a reason, an API error) is cut past this many characters. */
export const MAX_LINE_CHARS = 500;

/** `text` cut to `max` characters, ending with `… (N characters cut)` when it was longer. */
export function clip(text: string, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} characters cut)`;
}

/** The line that stands for the entries not listed. */
export function omittedLine(omitted: number, total: number): string {
  return `… and ${omitted} more not listed (${total} in all)`;
}

/**
 * The first `max` lines (each clipped), then one line counting the rest; `lines` itself when it is
 * short enough.
 */
export function summariseLines(lines: readonly string[], max = MAX_LISTED): string[] {
  const listed = lines.slice(0, max).map((line) => clip(line));
  if (lines.length <= max) return listed;
  return [...listed, omittedLine(lines.length - max, lines.length)];
}

/**
 * Refusal lines of one journal entry an output shows. Entries written by this version hold at most
 * 63 (three summarised lists); older journals may hold any number, so outputs cut them here too.
 */
export const MAX_REFUSAL_LINES = 64;

/** An entry's refusal lines as outputs show them: at most MAX_REFUSAL_LINES, then a count. */
export function listedRefusals(refusals: readonly string[]): string[] {
  return summariseLines(refusals, MAX_REFUSAL_LINES);
}

/** Keeps the first `max` items pushed and counts the others, so memory stays flat. */
export class FirstEntries<T> {
  private readonly kept: T[] = [];
  private count = 0;
  constructor(readonly max = MAX_LISTED) {}

  push(item: T): void {
    this.count += 1;
    if (this.kept.length < this.max) this.kept.push(item);
  }

  /** The first `max` items, in push order. */
  get items(): readonly T[] {
    return this.kept;
  }

  /** Every item pushed, kept or not. */
  get total(): number {
    return this.count;
  }

  get omitted(): number {
    return this.count - this.kept.length;
  }
}
