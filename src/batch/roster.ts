import { readBoundedText } from '../model/bounded-read.js';

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

const DIR_COLUMNS = ['dir', 'directory', 'folder', 'submission'];
const ID_COLUMNS = ['id', 'student_id', 'student', 'login', 'username'];
const NAME_COLUMNS = ['name', 'display_name', 'full_name'];

/**
 * Parses a roster CSV with a header row: a `dir` column (or directory/folder/submission), and
 * optionally `id` (or student_id/login/username) and `name`. Quoted fields may hold commas,
 * doubled quotes and newlines. Rows are keyed by dir; a dir listed twice is an error.
 */
export function parseRoster(text: string, source = 'roster'): Map<string, RosterEntry> {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) =>
    row.some((cell) => cell.trim() !== ''),
  );
  const header = (rows.shift() ?? []).map((cell) => cell.trim().toLowerCase());
  const column = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const dirAt = column(DIR_COLUMNS);
  if (dirAt < 0) {
    throw new RosterError(
      `${source}: expected a header row with a "dir" column (the submission folder name), got "${header.join(',')}". ` +
        `Add a first line like: dir,id,name`,
    );
  }
  const idAt = column(ID_COLUMNS);
  const nameAt = column(NAME_COLUMNS);
  const roster = new Map<string, RosterEntry>();
  rows.forEach((row, index) => {
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

/** RFC 4180 rows: fields split on commas, quoted fields may hold commas, "" and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
