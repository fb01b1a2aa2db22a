import { parse } from 'csv-parse/sync';
import { readBoundedText } from '../../model/bounded-read.js';

/** One roster row: the submission's directory name, the id to grade it under, a display name. */
export interface RosterEntry {
  readonly dir: string;
  readonly id?: string;
  readonly name?: string;
}

/** A roster is at most this big (thousands of rows fit in far less). */
export const MAX_ROSTER_BYTES = 1024 * 1024;

export class RosterError extends Error {
  override readonly name = 'RosterError';
}

/**
 * Field separators a roster may use: `,` (RFC 4180), `;` (what French-locale spreadsheets export, as
 * the comma is their decimal mark) and tab. The first whose header row names a dir column is used.
 */
export const ROSTER_DELIMITERS = [',', ';', '\t'] as const;

const DIR_COLUMNS = ['dir', 'directory', 'folder', 'submission'];
const ID_COLUMNS = ['id', 'student_id', 'student', 'login', 'username'];
const NAME_COLUMNS = ['name', 'display_name', 'full_name'];

/**
 * Parses a roster CSV with a header row: a `dir` column (or directory/folder/submission), and
 * optionally `id` (or student_id/login/username) and `name`, separated by `,`, `;` or tab (see
 * ROSTER_DELIMITERS). Quoted fields may hold separators, doubled quotes and newlines; a UTF-8 BOM
 * is ignored. Rows are keyed by dir; a dir listed twice is an error.
 */
export function parseRoster(text: string, source = 'roster'): Map<string, RosterEntry> {
  const parsed = ROSTER_DELIMITERS.map((delimiter) => ({
    delimiter,
    rows: csvRows(text, delimiter),
  }));
  const usable = parsed.find(
    ({ rows }) => !(rows instanceof Error) && dirColumn(rows[0] ?? []) >= 0,
  );
  if (usable === undefined) {
    const comma = parsed[0]?.rows;
    if (comma instanceof Error) {
      throw new RosterError(
        `${source}: not a CSV file: ${comma.message}. Export it again as CSV.`,
        {
          cause: comma,
        },
      );
    }
    throw new RosterError(
      `${source}: expected a header row with a "dir" column (the submission folder name), got "${headerOf(comma?.[0] ?? []).join(',')}". ` +
        `Add a first line like: dir,id,name (or dir;id;name)`,
    );
  }
  const rows = usable.rows as string[][];
  const header = headerOf(rows[0] ?? []);
  const dirAt = dirColumn(rows[0] ?? []);
  const column = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const idAt = column(ID_COLUMNS);
  const nameAt = column(NAME_COLUMNS);
  const roster = new Map<string, RosterEntry>();
  rows.slice(1).forEach((row, index) => {
    const dir = row[dirAt]?.trim() ?? '';
    if (dir === '') return;
    if (roster.has(dir))
      throw new RosterError(
        `${source}: row ${index + 2} lists dir "${dir}" again; each submission once`,
      );
    const id = idAt < 0 ? undefined : row[idAt]?.trim() || undefined;
    const name = nameAt < 0 ? undefined : row[nameAt]?.trim() || undefined;
    roster.set(dir, {
      dir,
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
    });
  });
  return roster;
}

export async function readRoster(path: string): Promise<Map<string, RosterEntry>> {
  const text = await readBoundedText(path, { maxBytes: MAX_ROSTER_BYTES, displayName: path });
  return parseRoster(text, path);
}

/** The non-blank rows csv-parse reads with this separator, or its error (an unclosed quote…). */
function csvRows(text: string, delimiter: string): string[][] | Error {
  try {
    const rows = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_ROSTER_BYTES,
    }) as string[][];
    return rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const headerOf = (row: readonly string[]): string[] => row.map((cell) => cell.trim().toLowerCase());

const dirColumn = (row: readonly string[]): number =>
  headerOf(row).findIndex((h) => DIR_COLUMNS.includes(h));
