/**
 * A YAML file kubelab cannot read: a syntax error, a duplicate key, a custom tag, too many aliases.
 * The message reads `file:line:column: reason`, so editors and terminals can jump to it.
 */
export class YamlSyntaxError extends Error {
  override readonly name = 'YamlSyntaxError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(
    details: { file: string; line: number; column: number; reason: string },
    options?: { cause?: unknown },
  ) {
    super(`${details.file}:${details.line}:${details.column}: ${details.reason}`, options);
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.reason = details.reason;
  }
}
