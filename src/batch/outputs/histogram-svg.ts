import { escapeXml } from '../../report/xml-escape.js';

/**
 * A score histogram as inline SVG (no script, no external asset): ten bins of the maximum
 * (0–9 %, …, 90–100 %), bar heights scaled to the fullest bin, the count above each bar. Pure:
 * the same scores give the same bytes (coordinates are rounded to one decimal).
 */

export const HISTOGRAM_BINS = 10;
const WIDTH = 420;
const HEIGHT = 180;
const MARGIN = { top: 18, right: 8, bottom: 34, left: 8 } as const;

/** How many scores fall in each tenth of `maxScore` (a full score counts in the last bin). */
export function histogramBins(scores: readonly number[], maxScore: number): number[] {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const score of scores) {
    const share = maxScore <= 0 ? 0 : Math.min(Math.max(score / maxScore, 0), 1);
    const bin = Math.min(Math.floor(share * HISTOGRAM_BINS), HISTOGRAM_BINS - 1);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
}

const fixed = (n: number): string => String(Math.round(n * 10) / 10);

export function histogramSvg(options: {
  readonly scores: readonly number[];
  readonly maxScore: number;
  /** Accessible title: "probes: score distribution". */
  readonly title: string;
}): string {
  const bins = histogramBins(options.scores, options.maxScore);
  const tallest = Math.max(1, ...bins);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / HISTOGRAM_BINS;
  const baseline = MARGIN.top + plotHeight;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<line x1="${MARGIN.left}" y1="${baseline}" x2="${WIDTH - MARGIN.right}" y2="${baseline}" stroke="#59636e"/>`,
  ];
  bins.forEach((count, index) => {
    const x = MARGIN.left + index * slot;
    const height = (count / tallest) * plotHeight;
    const label = `${index * 10}–${index === HISTOGRAM_BINS - 1 ? 100 : index * 10 + 9} %`;
    out.push(
      `<rect x="${fixed(x + 3)}" y="${fixed(baseline - height)}" width="${fixed(slot - 6)}" height="${fixed(height)}" fill="#0969da"><title>${escapeXml(`${label}: ${count}`)}</title></rect>`,
      `<text x="${fixed(x + slot / 2)}" y="${fixed(baseline - height - 4)}" text-anchor="middle" font-size="11">${count}</text>`,
      `<text x="${fixed(x + slot / 2)}" y="${baseline + 14}" text-anchor="middle" font-size="10">${index * 10}</text>`,
    );
  });
  out.push(
    `<text x="${WIDTH / 2}" y="${HEIGHT - 4}" text-anchor="middle" font-size="11">score, % of ${options.maxScore} points (bins of 10 %)</text>`,
    '</svg>',
  );
  return out.join('\n');
}
