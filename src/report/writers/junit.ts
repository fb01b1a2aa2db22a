import type { CheckResult } from '../../model/result.js';
import { labView, type Audience } from '../audience.js';
import { evidenceText, summariseEvidence } from '../evidence-summary.js';
import { ReportFormat, type LabReport, type Report, type ReportWriter } from '../model.js';
import { escapeXml, xmlAttributes } from '../xml-escape.js';

/**
 * JUnit XML as GitHub Actions and GitLab read it: <testsuites> → one <testsuite> per lab → one
 * <testcase classname="<lab>"> per check, with <failure type="failed">, <error type="error"> or
 * <skipped>, times in seconds, the score in <properties>. Written by hand (no builder): the only
 * timestamp is the run's start on <testsuites>, so the same report gives the same bytes.
 */

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function counts(checks: readonly CheckResult[], labErrors: number): Counts {
  return {
    tests: checks.length + labErrors,
    failures: checks.filter((c) => c.status === 'failed').length,
    errors: checks.filter((c) => c.status === 'error').length + labErrors,
    skipped: checks.filter((c) => c.status === 'skipped').length,
  };
}

function details(check: CheckResult): string {
  const lines = [check.message];
  if (check.hint !== undefined) lines.push(`hint: ${check.hint}`);
  lines.push(...evidenceText(summariseEvidence(check.evidence)));
  return escapeXml(lines.join('\n'));
}

function testcase(lab: LabReport, check: CheckResult): string[] {
  const open = `    <testcase${xmlAttributes({
    name: `${check.id}: ${check.title}`,
    classname: lab.labId,
    time: seconds(check.durationMs),
  })}`;
  const message = { message: check.message.split('\n')[0] ?? '' };
  if (check.status === 'passed') return [`${open}/>`];
  if (check.status === 'skipped')
    return [`${open}>`, `      <skipped${xmlAttributes(message)}/>`, '    </testcase>'];
  const tag = check.status === 'failed' ? 'failure' : 'error';
  return [
    `${open}>`,
    `      <${tag}${xmlAttributes({ ...message, type: check.status })}>${details(check)}</${tag}>`,
    '    </testcase>',
  ];
}

/** A lab that could not run is an error CI must see, not just skipped checks: one extra testcase says why. */
function labError(lab: LabReport, message: string): string[] {
  return [
    `    <testcase${xmlAttributes({ name: 'lab could not run', classname: lab.labId, time: seconds(0) })}>`,
    `      <error${xmlAttributes({ message: message.split('\n')[0] ?? '', type: 'error' })}>${escapeXml(message)}</error>`,
    '    </testcase>',
  ];
}

function testsuite(lab: LabReport, audience: Audience): string[] {
  const view = labView(lab, audience);
  const properties = {
    score: lab.score,
    maxScore: lab.maxScore,
    status: lab.status,
    namespace: lab.namespace,
  };
  return [
    `  <testsuite${xmlAttributes({ name: lab.labId, ...counts(view.checks, lab.message === undefined ? 0 : 1), time: seconds(lab.durationMs) })}>`,
    '    <properties>',
    ...Object.entries(properties).map(
      ([name, value]) => `      <property${xmlAttributes({ name, value })}/>`,
    ),
    '    </properties>',
    ...view.checks.flatMap((check) => testcase(lab, check)),
    ...(lab.message === undefined ? [] : labError(lab, lab.message)),
    '  </testsuite>',
  ];
}

export const junitWriter: ReportWriter = {
  format: ReportFormat.junit,
  extension: 'xml',
  render(report: Report, options) {
    const all = report.labs.flatMap((lab) => labView(lab, options.audience).checks);
    const totalMs = report.labs.reduce((sum, lab) => sum + lab.durationMs, 0);
    const name =
      report.header.student === undefined ? 'kubelab' : `kubelab ${report.header.student}`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${xmlAttributes({ name, ...counts(all, report.labs.filter((lab) => lab.message !== undefined).length), time: seconds(totalMs), timestamp: report.header.startedAt })}>`,
      ...report.labs.flatMap((lab) => testsuite(lab, options.audience)),
      '</testsuites>',
      '',
    ].join('\n');
  },
};
