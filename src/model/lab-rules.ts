/**
 * Rules across fields of one lab.yaml that a shape cannot say: points add up to 100, check ids are
 * unique, `needs` names earlier checks, `verify.starterFails` names existing checks, extra files are
 * plain relative paths. Each rule returns issues with the path they are about.
 */

/** Every lab is marked out of this many points. */
export const LAB_TOTAL_POINTS = 100;

export interface RuleIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The parts of a lab the rules read (structural, so this file does not depend on the schema). */
export interface RuleInput {
  readonly checks: readonly {
    readonly id: string;
    readonly points: number;
    readonly needs: readonly string[];
  }[];
  readonly verify?: { readonly starterFails: readonly string[] } | undefined;
  readonly extraFiles: readonly string[];
}

export function labRuleIssues(lab: RuleInput): RuleIssue[] {
  return [
    ...pointsIssues(lab),
    ...idIssues(lab),
    ...needsIssues(lab),
    ...starterIssues(lab),
    ...extraFileIssues(lab),
  ];
}

function pointsIssues(lab: RuleInput): RuleIssue[] {
  const total = lab.checks.reduce((sum, check) => sum + check.points, 0);
  if (total === LAB_TOTAL_POINTS) return [];
  const parts = lab.checks.map((check) => check.points).join(' + ');
  return [
    {
      path: ['checks'],
      message: `points add up to ${total} (${parts}); expected ${LAB_TOTAL_POINTS}. Adjust the checks' points.`,
    },
  ];
}

function idIssues(lab: RuleInput): RuleIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: RuleIssue[] = [];
  lab.checks.forEach((check, index) => {
    const first = firstIndex.get(check.id);
    if (first === undefined) firstIndex.set(check.id, index);
    else
      issues.push({
        path: ['checks', index, 'id'],
        message: `duplicate check id "${check.id}" (also checks[${first}]); expected unique ids`,
      });
  });
  return issues;
}

function needsIssues(lab: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  lab.checks.forEach((check, index) => {
    const earlier = lab.checks.slice(0, index).map((c) => c.id);
    check.needs.forEach((need, needIndex) => {
      if (earlier.includes(need)) return;
      const later = lab.checks.slice(index).some((c) => c.id === need);
      const why =
        need === check.id
          ? 'a check cannot need itself'
          : later
            ? `"${need}" comes after this check`
            : `no check has id "${need}"`;
      const expected =
        earlier.length > 0 ? `one of ${earlier.join(', ')}` : 'none: this is the first check';
      issues.push({
        path: ['checks', index, 'needs', needIndex],
        message: `${why}; expected the id of an earlier check (${expected})`,
      });
    });
  });
  return issues;
}

function starterIssues(lab: RuleInput): RuleIssue[] {
  const ids = [...new Set(lab.checks.map((c) => c.id))];
  return (lab.verify?.starterFails ?? []).flatMap((id, index) =>
    ids.includes(id)
      ? []
      : [
          {
            path: ['verify', 'starterFails', index],
            message: `no check has id "${id}"; expected one of ${ids.join(', ')}`,
          },
        ],
  );
}

function extraFileIssues(lab: RuleInput): RuleIssue[] {
  return lab.extraFiles.flatMap((file, index) => {
    const parts = file.split(/[\\/]/);
    const safe =
      file !== '' && !file.startsWith('/') && !/^[A-Za-z]:/.test(file) && !parts.includes('..');
    return safe
      ? []
      : [
          {
            path: ['extraFiles', index],
            message: `"${file}" is not a plain relative path; expected a path inside the submission, without ".." or a leading "/"`,
          },
        ];
  });
}
