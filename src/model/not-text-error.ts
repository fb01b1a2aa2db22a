/**
 * A file kubelab reads as text that is not one: a FIFO or device (reading it would block or never
 * end), bytes that are not UTF-8, or binary content. The message says what was found, never the
 * content itself.
 */
export class NotTextError extends Error {
  override readonly name = 'NotTextError';
  constructor(
    readonly file: string,
    /** `is not valid UTF-8`, `holds binary content (byte 0x00 on line 3)`… */
    readonly reason: string,
  ) {
    super(`${file} ${reason}; expected a UTF-8 text file`);
  }
}

/** Control characters no YAML or Markdown text holds (tab, newline and carriage return are fine). */
function isBinary(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/** The text of `bytes`, or why they are not UTF-8 text (never quoting them). */
export function decodeText(bytes: Buffer): { text: string } | { problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: `is not valid UTF-8 (${invalidAt(bytes)})` };
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!isBinary(code)) continue;
    const line = text.slice(0, i).split('\n').length;
    return {
      problem: `holds binary content (byte 0x${code.toString(16).padStart(2, '0')} on line ${line})`,
    };
  }
  return { text };
}

/** `first invalid byte on line N`: where decoding fails, found by decoding growing prefixes' lines. */
function invalidAt(bytes: Buffer): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return `first invalid byte on line ${line}`;
    }
    line += 1;
    start = i + 1;
  }
  return 'an incomplete character at the end';
}
