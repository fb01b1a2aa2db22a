import type { LabReport, Report } from './model.js';

/** Header lines every text format starts with: tool, cluster, time, student. */
export function headerLines(report: Report): string[] {
  const h = report.header;
  const lines = [
    `${h.tool} · context ${h.context} (${h.server}, Kubernetes ${h.serverVersion}) · started ${h.startedAt}`,
  ];
  if (h.student !== undefined) lines.push(`student ${h.student}`);
  return lines;
}

/** `probes — Liveness probes: 50/100 failed` */
export function labLine(lab: LabReport): string {
  return `${lab.labId} — ${lab.title}: ${lab.score}/${lab.maxScore} ${lab.status}`;
}

/** `Total: 150/200 failed (pass mark 160)` */
export function totalLine(report: Report): string {
  return `Total: ${report.score}/${report.maxScore} ${report.status} (pass mark ${report.passMark})`;
}
