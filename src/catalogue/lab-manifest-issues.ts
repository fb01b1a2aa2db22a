import { join } from 'node:path';
import { parseManifests } from '../cluster/manifests.js';
import type { LabIssue } from '../model/lab-issue.js';
import { readLabManifests } from './lab-manifests.js';
import { displayPath } from '../model/labs-dir.js';

/**
 * Every manifest of the lab's starter/ and solution/ that would not apply: unreadable files (too
 * big, not UTF-8, binary, links out), YAML errors and documents that are not objects, each with its
 * file and line (`labs/probes/solution/pod.yaml:7: …`). A missing folder is missingLabFiles' issue.
 */
export async function labManifestIssues(
  dir: string,
  extraFiles: readonly string[],
): Promise<LabIssue[]> {
  const issues: LabIssue[] = [];
  for (const { files, problems } of await readLabManifests(dir, extraFiles)) {
    for (const problem of problems) issues.push(issueAt(dir, problem.source, problem.reason));
    for (const file of files) {
      for (const parsed of parseManifests(file.text, file.source))
        if (!parsed.ok) issues.push(issueAt(dir, parsed.source, parsed.error));
    }
  }
  return issues;
}

/** `solution/pod.yaml:7` and `solution/pod.yaml:7:3: invalid YAML: …` → file, line and message. */
function issueAt(dir: string, source: string, error: string): LabIssue {
  const [, rel = source, line] = /^(.*?)(?::(\d+))?$/.exec(source) ?? [];
  const message = error.replace(/^\S+?:\d+(?::\d+)?: /, '').replace(`${rel}: `, '');
  const where = /^\S+?:(\d+)(?::\d+)?: /.exec(error)?.[1] ?? line;
  return {
    file: displayPath(join(dir, rel)),
    path: '',
    message,
    ...(where === undefined ? {} : { line: Number(where) }),
  };
}
