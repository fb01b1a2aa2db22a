import type { CheckResult, CheckStatus } from '../model/result.js';

/**
 * The report model, separate from its formats: one writer per format renders it (see writers.ts).
 * Everything here is sorted deterministically by the runner (labs by id, checks in lab.yaml order),
 * so the same cluster state gives the same report byte for byte; the only time is in the header.
 */

export interface LabReport {
  readonly labId: string;
  readonly title: string;
  readonly namespace: string;
  /** passed when score reaches maxScore; failed otherwise; error when the lab could not run at all. */
  readonly status: CheckStatus;
  readonly score: number;
  readonly maxScore: number;
  /** Why the whole lab could not run (namespace creation refused, apply failed), if so. */
  readonly message?: string;
  readonly checks: readonly CheckResult[];
  readonly durationMs: number;
}

export interface ReportHeader {
  readonly tool: string; // "kubelab 0.1.0"
  readonly context: string;
  readonly server: string;
  readonly serverVersion: string;
  /** ISO time the run started: the one timestamp in a report. */
  readonly startedAt: string;
  /** Student id in batch grading. */
  readonly student?: string;
}

export interface Report {
  readonly header: ReportHeader;
  readonly status: CheckStatus;
  readonly score: number;
  readonly maxScore: number;
  /** The pass mark in points the exit code was computed against. */
  readonly passMark: number;
  readonly labs: readonly LabReport[];
}

export const ReportFormat = {
  terminal: 'terminal',
  plain: 'plain',
  json: 'json',
  junit: 'junit',
  markdown: 'markdown',
  html: 'html',
} as const;
export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];

export interface RenderOptions {
  readonly audience: 'student' | 'instructor';
  readonly color: boolean;
  /**
   * Terminal width in columns, for the `terminal` format's tables (others ignore it). Default 100,
   * so output does not depend on the terminal unless the caller passes `process.stdout.columns`.
   */
  readonly width?: number;
}

/** One output format: a pure function of the report (no clock, no environment). */
export interface ReportWriter {
  readonly format: ReportFormat;
  readonly extension: string;
  /** `hidden` checks are left out when `audience` is 'student'. */
  render(report: Report, options: RenderOptions): string;
}
