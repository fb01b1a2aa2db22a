import { escapeXml } from '../../report/xml-escape.js';

/**
 * A horizontal bar chart as inline SVG: one labelled bar per item, its length the share
 * `value / total`, with "value of total (share %)" written after it. Pure and deterministic (coordinates rounded to one decimal).
 */

export interface Bar {
  /** Shown left of the bar, truncated to LABEL_CHARS characters. */
  readonly label: string;
  readonly value: number;
  /** What a full bar stands for (e.g. the students graded on that lab). */
  readonly total: number;
}

const WIDTH = 720;
const ROW = 22;
const LABEL_WIDTH = 330;
const VALUE_WIDTH = 90;
const LABEL_CHARS = 44;

const fixed = (n: number): string => String(Math.round(n * 10) / 10);

const truncate = (text: string): string =>
  text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;

export function barChartSvg(options: {
  readonly bars: readonly Bar[];
  readonly title: string;
}): string {
  const height = Math.max(1, options.bars.length) * ROW + 8;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot bars" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
  ];
  options.bars.forEach((bar, index) => {
    const y = 4 + index * ROW;
    const total = Math.max(1, bar.total);
    const width = (Math.min(bar.value, total) / total) * plotWidth;
    const share = Math.round((bar.value / total) * 100);
    out.push(
      `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end" font-size="12">${escapeXml(truncate(bar.label))}<title>${escapeXml(bar.label)}</title></text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${fixed(width)}" height="${ROW - 6}" fill="#cf222e"/>`,
      `<text x="${fixed(LABEL_WIDTH + width + 6)}" y="${y + 15}" font-size="12">${bar.value} of ${bar.total} (${share} %)</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
