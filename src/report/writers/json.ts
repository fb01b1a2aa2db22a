import type { CheckResult, Evidence } from '../../model/result.js';
import { labView } from '../audience.js';
import { ReportFormat, type LabReport, type Report, type ReportWriter } from '../model.js';

/** Bumped when a field changes meaning or disappears (adding fields does not bump it). */
export const JSON_REPORT_VERSION = 1;

/**
 * Objects are built field by field in a fixed order (the model's), so the same report gives the
 * same bytes; absent optional fields are left out rather than written as null.
 */
function evidenceJson(evidence: Evidence): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (evidence.expected !== undefined) out.expected = evidence.expected;
  if (evidence.observed !== undefined) out.observed = evidence.observed;
  if (evidence.fieldErrors !== undefined)
    out.fieldErrors = evidence.fieldErrors.map((e) => ({ path: e.path, message: e.message }));
  if (evidence.events !== undefined) out.events = [...evidence.events];
  if (evidence.logs !== undefined)
    out.logs = evidence.logs.map((l) => ({
      pod: l.pod,
      container: l.container,
      previous: l.previous,
      text: l.text,
    }));
  if (evidence.notes !== undefined) out.notes = [...evidence.notes];
  return out;
}

function checkJson(check: CheckResult): Record<string, unknown> {
  return {
    id: check.id,
    title: check.title,
    kind: check.kind,
    status: check.status,
    points: check.points,
    maxPoints: check.maxPoints,
    message: check.message,
    ...(check.hint === undefined ? {} : { hint: check.hint }),
    evidence: evidenceJson(check.evidence),
    visibility: check.visibility,
    durationMs: check.durationMs,
  };
}

function labJson(lab: LabReport, audience: 'student' | 'instructor'): Record<string, unknown> {
  const view = labView(lab, audience);
  return {
    labId: lab.labId,
    title: lab.title,
    namespace: lab.namespace,
    status: lab.status,
    score: lab.score,
    maxScore: lab.maxScore,
    ...(lab.message === undefined ? {} : { message: lab.message }),
    ...(view.hidden.count === 0 ? {} : { hiddenChecks: { ...view.hidden } }),
    checks: view.checks.map(checkJson),
    durationMs: lab.durationMs,
  };
}

/** The Report as stable JSON, status at every level; hidden checks left out for students (tallied). */
export const jsonWriter: ReportWriter = {
  format: ReportFormat.json,
  extension: 'json',
  render(report: Report, options) {
    const h = report.header;
    const body = {
      kubelabReport: JSON_REPORT_VERSION,
      header: {
        tool: h.tool,
        context: h.context,
        server: h.server,
        serverVersion: h.serverVersion,
        startedAt: h.startedAt,
        ...(h.student === undefined ? {} : { student: h.student }),
      },
      audience: options.audience,
      status: report.status,
      score: report.score,
      maxScore: report.maxScore,
      passMark: report.passMark,
      labs: report.labs.map((lab) => labJson(lab, options.audience)),
    };
    return `${JSON.stringify(body, null, 2)}\n`;
  },
};
