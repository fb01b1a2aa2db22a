import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type ParsedNode,
} from 'yaml';
import { FileTooLargeError, MAX_FILE_BYTES, readBoundedText } from './bounded-read.js';
import { YamlSyntaxError } from './yaml-syntax-error.js';

/**
 * More aliases than this in one document is refused: a "billion laughs" alias bomb expands
 * exponentially, and no lab file or manifest needs more than a handful of anchors.
 */
export const MAX_ALIAS_COUNT = 100;

/** One document of a YAML stream, as plain JSON-like data, with a way back to its lines. */
export interface YamlDocument {
  /** Position in the stream, from 0. */
  readonly index: number;
  /** The document as plain data (null for an empty document). */
  readonly value: unknown;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  /** 1-based line of the value at `path` (e.g. ['checks', 2, 'points']), or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export interface ParseYamlOptions {
  /** Names the text in errors (a file path as the user would type it). */
  readonly file: string;
  /** Refuse texts longer than this many bytes. Default: MAX_FILE_BYTES (1 MiB). */
  readonly maxBytes?: number;
}

/**
 * Parses YAML text (one or many documents) the safe way: bounded size, few aliases, no custom or
 * YAML 1.1 tags (`!!binary`, `!!set`, `!foo`), unique keys. Throws YamlSyntaxError
 * (`file:line:column: reason`) on the first problem, FileTooLargeError on an oversized text.
 */
export function parseYaml(text: string, options: ParseYamlOptions): YamlDocument[] {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    throw new FileTooLargeError(options.file, maxBytes);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: true,
    customTags: [],
    resolveKnownTags: false,
    prettyErrors: false,
    strict: true,
  });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return docs.map((doc, index) => {
    const problem = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (problem !== undefined) {
      throw new YamlSyntaxError(
        {
          file: options.file,
          ...position(problem.pos[0]),
          reason:
            problem.code === 'TAG_RESOLVE_FAILED'
              ? `${problem.message}: expected plain YAML without custom or YAML 1.1 tags; remove the tag`
              : problem.message,
        },
        { cause: problem },
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const excessive = error instanceof Error && /alias count/i.test(error.message);
      throw new YamlSyntaxError(
        {
          file: options.file,
          ...position(firstAliasOffset(doc) ?? doc.range[0]),
          reason: !excessive
            ? `${error instanceof Error ? error.message : String(error)}`
            : `too many aliases: expected at most ${MAX_ALIAS_COUNT} expanded aliases, found more ` +
              '(an alias bomb?). Write the values out instead of using anchors (&) and aliases (*).',
        },
        { cause: error },
      );
    }
    const contentOffset = doc.contents?.range[0] ?? doc.range[0];
    return {
      index,
      value,
      line: position(contentOffset).line,
      lineOf: (path) => {
        const offset = offsetOf(doc, path);
        return offset === undefined ? undefined : position(offset).line;
      },
    };
  });
}

/** Reads a YAML file through readBoundedText and parseYaml; `file` names it in errors (default: the path). */
export async function readYamlFile(
  path: string,
  options: { file?: string; maxBytes?: number } = {},
): Promise<YamlDocument[]> {
  const file = options.file ?? path;
  const text = await readBoundedText(path, { maxBytes: options.maxBytes, displayName: file });
  return parseYaml(text, { file, maxBytes: options.maxBytes });
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Offset of the deepest node along `path`. For a map entry it is the key's offset (the line a
 * reader looks for), for a sequence item the item's own.
 */
function offsetOf(doc: Document.Parsed, path: readonly PropertyKey[]): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      offset = (pair.key as ParsedNode).range[0];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | null | undefined;
      if (item === undefined || item === null || isAlias(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
