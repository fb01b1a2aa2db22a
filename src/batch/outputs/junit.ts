import { junitWriter } from '../../report/writers/junit.js';
import { xmlAttributes } from '../../report/xml-escape.js';
import type { ClassView } from './class-view.js';
import { compare } from './lab-columns.js';
import { studentReport } from './student-report.js';

/**
 * `junit.xml` for the whole class: one <testsuite name="<student>/<lab>"> per graded (student, lab),
 * one <testcase classname="<student>.<lab>"> per check (hidden ones included: CI and the instructor
 * read this file). Each student's suites are rendered by the report's own JUnit writer and gathered
 * under one <testsuites> whose counts are their sums.
 */

const COUNTS = ['tests', 'failures', 'errors', 'skipped'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

export function classJunit(view: ClassView): string {
  const totals: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let seconds = 0;
  const suites: string[] = [];
  for (const row of view.students) {
    if (row.byLab.size === 0) continue;
    const lines = junitWriter
      .render(studentReport(row), { audience: 'instructor', color: false })
      .split('\n');
    const root = lines.find((line) => line.startsWith('<testsuites')) ?? '';
    for (const name of COUNTS) totals[name] += attributeNumber(root, name);
    seconds += attributeNumber(root, 'time');
    suites.push(...lines.filter(isSuiteLine).map((line) => qualify(line, row.student.id)));
  }
  const startedAt = view.students
    .flatMap((row) => [...row.byLab.values()].map((entry) => entry.startedAt))
    .sort(compare)[0];
  const attributes = {
    name: 'kubelab grade',
    ...totals,
    time: seconds.toFixed(3),
    ...(startedAt === undefined ? {} : { timestamp: startedAt }),
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes(attributes)}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** The lines inside the root element: every <testsuite> block (indented by the writer). */
function isSuiteLine(line: string): boolean {
  return line.startsWith('  ');
}

/**
 * Puts the student into suite names and test class names. Lab and student ids are DNS labels, and
 * attribute values are escaped (no bare `"`), so these patterns only ever match the attributes.
 */
function qualify(line: string, studentId: string): string {
  return line
    .replace(/^( {2}<testsuite name=")([a-z0-9-]+)"/, `$1${studentId}/$2"`)
    .replace(/ classname="([a-z0-9-]+)"/, ` classname="${studentId}.$1"`);
}

function attributeNumber(element: string, name: string): number {
  const match = new RegExp(` ${name}="([0-9.]+)"`).exec(element);
  return match === null ? 0 : Number(match[1]);
}
