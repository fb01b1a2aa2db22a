import Table from 'cli-table3';

/**
 * A table of rows: boxed (cli-table3) on a terminal, plain aligned columns otherwise, so pipes and
 * tests get stable text without box characters.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { boxed: boolean; rightAligned?: readonly number[] },
): string {
  const right = new Set(options.rightAligned ?? []);
  if (options.boxed) {
    const table = new Table({
      head: [...head],
      style: { head: [], border: [] },
      colAligns: head.map((_, index) => (right.has(index) ? 'right' : 'left')),
    });
    for (const row of rows) table.push([...row]);
    return `${table.toString()}\n`;
  }
  const widths = head.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return right.has(index) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}
