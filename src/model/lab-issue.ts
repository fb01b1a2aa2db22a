/** One problem in a lab: which file, where in it, and what is wrong. */
export interface LabIssue {
  /** The file as the user would type it: `labs/probes/lab.yaml`. */
  readonly file: string;
  /** Dotted/bracket path in the document (`checks[2].points`), '' for the file itself. */
  readonly path: string;
  readonly message: string;
  /** 1-based line, when known. */
  readonly line?: number;
}

/** `labs/probes/lab.yaml:14: checks[2].points: expected number, received string` */
export function formatLabIssue(issue: LabIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path === ''
    ? `${where}: ${issue.message}`
    : `${where}: ${issue.path}: ${issue.message}`;
}

/** Issues in a stable order: by file, line, path, message. */
export function sortLabIssues(issues: readonly LabIssue[]): LabIssue[] {
  const key = (i: LabIssue): string =>
    `${i.file}\u0000${String(i.line ?? 0).padStart(8, '0')}\u0000${i.path}\u0000${i.message}`;
  return [...issues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A lab that does not validate; `issues` lists every problem found, not just the first. */
export class LabValidationError extends Error {
  override readonly name = 'LabValidationError';
  readonly issues: readonly LabIssue[];

  constructor(labId: string, issues: readonly LabIssue[]) {
    const sorted = sortLabIssues(issues);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    super(
      `lab "${labId}" is not valid (${count}); expected a lab.yaml matching schema/lab.schema.json:\n` +
        sorted.map((issue) => `  ${formatLabIssue(issue)}`).join('\n'),
    );
    this.issues = sorted;
  }
}

/** `checks[2].params.name`, `timeouts["workload-ready"]` stays `timeouts.workload-ready`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = String(segment);
      out += /^[A-Za-z_$][\w$-]*$/.test(name)
        ? out === ''
          ? name
          : `.${name}`
        : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}
