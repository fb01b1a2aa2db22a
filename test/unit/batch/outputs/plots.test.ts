import { expect } from 'chai';
import { barChartSvg } from '../../../../src/batch/outputs/bar-chart-svg.js';
import { histogramBins, histogramSvg } from '../../../../src/batch/outputs/histogram-svg.js';

describe('the summary plots', () => {
  it('puts each score in its tenth of the maximum, a full score in the last bin', () => {
    expect(histogramBins([0, 9, 10, 55, 99, 100, 100], 100)).to.deep.equal([
      2, 1, 0, 0, 0, 1, 0, 0, 0, 3,
    ]);
    expect(histogramBins([5], 0)).to.deep.equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('draws the same histogram bytes for the same scores', () => {
    const options = { scores: [10, 45, 45, 100], maxScore: 100, title: 'probes' };
    const svg = histogramSvg(options);
    expect(histogramSvg({ ...options, scores: [...options.scores] })).to.equal(svg);
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<rect /g)).to.have.length(10);
    expect(svg).not.to.match(/NaN|Infinity|undefined/);
  });

  it('draws a bar chart deterministically and escapes its labels', () => {
    const options = {
      bars: [
        { label: 'probes/liveness: <script>alert(1)</script>', value: 7, total: 10 },
        { label: 'x'.repeat(80), value: 2, total: 4 },
      ],
      title: 'failed & skipped',
    };
    const svg = barChartSvg(options);
    expect(barChartSvg(options)).to.equal(svg);
    expect(svg).not.to.include('<script');
    expect(svg).to.include('&lt;script&gt;');
    expect(svg).to.include('7 of 10 (70 %)');
    expect(svg).to.include('2 of 4 (50 %)');
    expect(svg).to.include(`${'x'.repeat(43)}…`);
  });

  it('draws an empty class without dividing by zero', () => {
    expect(histogramSvg({ scores: [], maxScore: 100, title: 'empty' })).not.to.match(/NaN/);
    expect(barChartSvg({ bars: [{ label: 'a', value: 0, total: 0 }], title: 'none' })).not.to.match(
      /NaN/,
    );
  });
});
