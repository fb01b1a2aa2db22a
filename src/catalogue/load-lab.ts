import { basename, join } from 'node:path';
import { loadCheckKinds } from './registry.js';
import { FileTooLargeError } from '../model/bounded-read.js';
import { labFileEntryProblem } from '../model/lab-file-entry.js';
import { labManifestIssues } from './lab-manifest-issues.js';
import { NotTextError } from '../model/not-text-error.js';
import type { CheckKind } from '../check-api/check-kind.js';
import { checkKindIssues } from './check-params.js';
import { Lab } from '../model/lab.js';
import { missingLabFiles } from '../model/lab-files.js';
import { LabValidationError, type LabIssue } from '../model/lab-issue.js';
import {
  defaultLabsDir,
  displayPath,
  LAB_FILE,
  listLabIds,
  resolveLabDir,
} from '../model/labs-dir.js';
import { readYamlFile, type YamlDocument } from '../model/safe-yaml.js';
import { YamlSyntaxError } from '../model/yaml-syntax-error.js';
import { toLabIssues } from '../model/zod-issues.js';

/** A validated lab and where its files are (absolute paths). */
export interface LoadedLab {
  readonly lab: Lab;
  readonly dir: string;
  /** lab.yaml as the user would type it, for messages. */
  readonly file: string;
  readonly readme: { readonly en: string; readonly fr: string };
  readonly starterDir: string;
  readonly solutionDir: string;
}

export interface LoadLabOptions {
  /** Where labs live. Default: the labs shipped with kubelab (defaultLabsDir()). */
  readonly labsDir?: string;
  /** Check kinds to validate `kind` and `params` against. Default: loadCheckKinds(). */
  readonly kinds?: ReadonlyMap<string, CheckKind>;
  /**
   * false: leave each check's `kind` and `params` unchecked, and load no check kind (`kubelab
   * list` needs titles and points only, and starts 2× faster; validate, check and verify check
   * them). Default true.
   */
  readonly checkParams?: boolean;
}

/** Loads lab `id`: UnknownLabError if there is none, LabValidationError listing every problem. */
export async function loadLab(id: string, options: LoadLabOptions = {}): Promise<LoadedLab> {
  const dir = await resolveLabDir(options.labsDir ?? defaultLabsDir(), id);
  return loadLabDir(dir, options);
}

/** Loads every lab in the labs directory, sorted by id; throws the first bad lab's LabValidationError. */
export async function loadAllLabs(options: LoadLabOptions = {}): Promise<LoadedLab[]> {
  const labsDir = options.labsDir ?? defaultLabsDir();
  const checkParams = options.checkParams ?? true;
  const kinds = checkParams ? (options.kinds ?? (await loadCheckKinds())) : undefined;
  const labs: LoadedLab[] = [];
  for (const id of await listLabIds(labsDir))
    labs.push(await loadLabDir(join(labsDir, id), { kinds, checkParams }));
  return labs;
}

/** Loads and validates the lab in `dir`. */
export async function loadLabDir(
  dir: string,
  options: Pick<LoadLabOptions, 'kinds' | 'checkParams'> = {},
): Promise<LoadedLab> {
  const { lab, issues } = await validateLabDir(dir, options);
  if (lab === undefined || issues.length > 0) throw new LabValidationError(basename(dir), issues);
  return {
    lab,
    dir,
    file: displayPath(join(dir, LAB_FILE)),
    readme: { en: join(dir, 'README.md'), fr: join(dir, 'README.fr.md') },
    starterDir: join(dir, 'starter'),
    solutionDir: join(dir, 'solution'),
  };
}

/** Every problem with the lab in `dir` (for `kubelab verify` and tests), and the lab when it parsed. */
export async function validateLabDir(
  dir: string,
  options: Pick<LoadLabOptions, 'kinds' | 'checkParams'> = {},
): Promise<{ lab: Lab | undefined; issues: LabIssue[] }> {
  const file = displayPath(join(dir, LAB_FILE));
  const issues: LabIssue[] = (await missingLabFiles(dir)).map((message) => ({
    file: displayPath(dir),
    path: '',
    message,
  }));
  const entryProblem = await labFileEntryProblem(dir, LAB_FILE);
  if (entryProblem !== undefined) {
    issues.push({ file, path: '', message: entryProblem.replace(`${LAB_FILE} `, '') });
    return { lab: undefined, issues };
  }
  let document: YamlDocument;
  try {
    const documents = await readYamlFile(join(dir, LAB_FILE), { file });
    if (documents.length !== 1 || documents[0] === undefined) {
      issues.push({
        file,
        path: '',
        message: `holds ${documents.length} YAML documents; expected exactly one`,
      });
      return { lab: undefined, issues };
    }
    document = documents[0];
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      issues.push({
        file,
        path: '',
        line: error.line,
        message: `${error.reason} (column ${error.column})`,
      });
    } else if (error instanceof FileTooLargeError || error instanceof NotTextError) {
      issues.push({ file, path: '', message: error.message.replace(`${file} `, '') });
    } else throw error;
    return { lab: undefined, issues };
  }
  const parsed = Lab.safeParse(document.value, { reportInput: true });
  if (!parsed.success)
    issues.push(...toLabIssues(parsed.error.issues, { file, document, schema: Lab }));
  if (options.checkParams ?? true) {
    const kinds = options.kinds ?? (await loadCheckKinds());
    issues.push(...checkKindIssues({ raw: document.value, kinds, file, document }));
  }
  const lab = parsed.success ? parsed.data : undefined;
  issues.push(...(await labManifestIssues(dir, lab?.extraFiles ?? [])));
  if (lab !== undefined && lab.id !== basename(dir)) {
    issues.push({
      file,
      path: 'id',
      line: document.lineOf(['id']),
      message: `"${lab.id}" differs from the directory name "${basename(dir)}"; expected them to match`,
    });
  }
  return { lab, issues };
}
