import { expect } from 'chai';
import type { ReportFormat } from '../../../src/report/model.js';
import { REPORT_FORMATS, isReportFormat, writerFor } from '../../../src/report/writers.js';
import { expectGolden } from './golden.js';
import { sampleReport } from './sample-report.js';

/** Golden file per format: student audience, no color. */
const GOLDEN: Record<ReportFormat, string> = {
  terminal: 'report.terminal.txt',
  plain: 'report.plain.txt',
  json: 'report.json',
  junit: 'report.xml',
  markdown: 'report.md',
  html: 'report.html',
};

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what this matches
const ANSI = /\u001b\[[0-9;]*m/g;

describe('report writers', () => {
  for (const format of REPORT_FORMATS) {
    describe(`the ${format} writer`, () => {
      const writer = writerFor(format);

      it(`renders the sample report as its golden file (${GOLDEN[format]})`, async () => {
        await expectGolden(
          GOLDEN[format],
          writer.render(sampleReport(), { audience: 'student', color: false }),
        );
      });

      it('renders the same report to the same bytes', () => {
        const options = { audience: 'instructor', color: true } as const;
        expect(writer.render(sampleReport(), options)).to.equal(
          writer.render(sampleReport(), options),
        );
      });

      it('leaves hidden checks out for students and shows them to instructors', () => {
        const student = writer.render(sampleReport(), { audience: 'student', color: false });
        const instructor = writer.render(sampleReport(), { audience: 'instructor', color: false });
        expect(student).not.to.include('Hidden: probe uses the right port');
        expect(instructor).to.include('Hidden: probe uses the right port');
      });

      it('shows the lab score counting hidden checks', () => {
        // probes: web-ready 20 + the hidden check's 10.
        const student = writer.render(sampleReport(), { audience: 'student', color: false });
        expect(student).to.match(/30\/100|"score": 30,|name="score" value="30"/);
      });

      if (format !== 'terminal') {
        it('writes no terminal escape sequences, even when color is asked for', () => {
          expect(writer.render(sampleReport(), { audience: 'student', color: true })).not.to.match(
            ANSI,
          );
        });
      }
    });
  }

  it('colors the terminal report only when asked, with the same text underneath', () => {
    const writer = writerFor('terminal');
    const colored = writer.render(sampleReport(), { audience: 'student', color: true });
    expect(colored).to.match(ANSI);
    expect(colored.replace(ANSI, '')).to.equal(
      writer.render(sampleReport(), { audience: 'student', color: false }),
    );
  });

  it('fits the terminal table to the width it is given, 100 columns by default', () => {
    const writer = writerFor('terminal');
    const longest = (width?: number): number =>
      Math.max(
        ...writer
          .render(sampleReport(), { audience: 'student', color: false, width })
          .split('\n')
          .filter((line) => /^[┌│├└]/.test(line))
          .map((line) => [...line].length),
      );
    expect(longest()).to.equal(100);
    expect(longest(72)).to.equal(72);
    expect(longest(20)).to.equal(60);
  });

  it('keeps tall text out of the terminal table, so a long message renders fast and whole', () => {
    const base = sampleReport();
    const lab = base.labs.find((l) => l.labId === 'probes');
    const longMessage = Array.from(
      { length: 200 },
      (_, i) => `line ${i} of a very long message`,
    ).join('\n');
    const checks =
      lab?.checks.map((c) => (c.id === 'liveness' ? { ...c, message: longMessage } : c)) ?? [];
    const tall = { ...base, labs: base.labs.map((l) => (l === lab ? { ...l, checks } : l)) };
    const started = performance.now();
    const text = writerFor('terminal').render(tall, { audience: 'student', color: false });
    expect(performance.now() - started).to.be.below(500);
    expect(text).to.include('│ line 0 of a very long message');
    expect(text).to.include('      line 199 of a very long message');
  });

  it('strips escape sequences that container logs carry', () => {
    for (const format of REPORT_FORMATS) {
      expect(
        writerFor(format).render(sampleReport(), { audience: 'student', color: false }),
        format,
      ).not.to.include('\u001b');
    }
  });

  it('knows every format by name and nothing else', () => {
    expect(REPORT_FORMATS).to.deep.equal([
      'html',
      'json',
      'junit',
      'markdown',
      'plain',
      'terminal',
    ]);
    expect(isReportFormat('junit')).to.equal(true);
    expect(isReportFormat('toString')).to.equal(false);
    for (const format of REPORT_FORMATS) expect(writerFor(format).format).to.equal(format);
  });
});
