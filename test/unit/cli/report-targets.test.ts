import { expect } from 'chai';
import { UsageError } from '../../../src/cli/errors.js';
import { planReportTargets } from '../../../src/cli/report-targets.js';

const plan = (
  reports: string[],
  out?: string,
  outDir?: string,
): ReturnType<typeof planReportTargets> => planReportTargets({ reports, out, outDir, cwd: '/w' });

describe('--report, --out and --out-dir', function () {
  it('writes one report to --out', function () {
    expect(plan(['junit'], 'r/probes.xml')).to.deep.equal([
      { format: 'junit', file: '/w/r/probes.xml' },
    ]);
  });

  it('infers the format from the --out extension', function () {
    expect(plan([], 'report.json')).to.deep.equal([{ format: 'json', file: '/w/report.json' }]);
    expect(plan([], 'report.html')).to.deep.equal([{ format: 'html', file: '/w/report.html' }]);
  });

  it('writes each repeated --report into --out-dir, named by its extension', function () {
    expect(plan(['json', 'junit', 'json'], undefined, 'out')).to.deep.equal([
      { format: 'json', file: '/w/out/kubelab-report.json' },
      { format: 'junit', file: '/w/out/kubelab-report.xml' },
    ]);
  });

  it('prints a single --report on stdout when no file is named', function () {
    expect(plan(['json'])).to.deep.equal([{ format: 'json', file: undefined }]);
  });

  it('writes nothing extra without --report', function () {
    expect(plan([])).to.deep.equal([]);
  });

  it('refuses an unknown format, naming the valid ones', function () {
    expect(() => plan(['pdf'])).to.throw(
      UsageError,
      '--report pdf: expected one of html, json, junit, markdown',
    );
  });

  it('refuses two formats for one --out file', function () {
    expect(() => plan(['json', 'junit'], 'r.json')).to.throw(UsageError, /--out names one file/);
  });

  it('refuses --out with an extension that implies no format', function () {
    expect(() => plan([], 'report.txt')).to.throw(UsageError, /no --report format/);
  });

  it('refuses --out together with --out-dir', function () {
    expect(() => plan(['json'], 'a.json', 'dir')).to.throw(UsageError, /both given/);
  });
});
