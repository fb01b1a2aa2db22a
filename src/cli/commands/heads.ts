/**
 * What `kubelab --help` lists for each command: known without loading the command's module, so
 * that --help, --version, the completion script and completing a command name load no command.
 * Each command module spreads its own head, so the words live here only.
 */
export interface CommandHead {
  /** yargs' command string: the name, then its positionals. */
  readonly command: string;
  readonly describe: string;
}

export const commandHeads = {
  list: {
    command: 'list',
    describe: 'List the labs: id, title, points and number of checks',
  },
  validate: {
    command: 'validate [labs-dir]',
    describe: "Validate every lab: lab.yaml schema, its files, each check's params",
  },
  start: {
    command: 'start <lab>',
    describe: 'Start a lab: create its namespace, write the instructions and starter manifests',
  },
  check: {
    command: 'check [lab]',
    describe: "Run a lab's checks against your namespace and print a scored report",
  },
  reset: {
    command: 'reset <lab>',
    describe:
      'Start a lab over: delete its namespace, the cluster-scoped objects and node files you made for it, and recreate the namespace',
  },
  cleanup: {
    command: 'cleanup',
    describe:
      'Delete what kubelab made for your labs (namespaces, PVs, StorageClasses, PriorityClasses, static pod files)',
  },
  doctor: {
    command: 'doctor',
    describe:
      'Check that the cluster is ready for the labs (context, nodes, storage, DNS, node access, images)',
  },
  verify: {
    command: 'verify [labs..]',
    describe: 'Prove labs work: each solution scores 100 and each starter fails what it claims',
  },
  merge: {
    command: 'merge <journals..>',
    describe: 'Merge grading journals (shards, contexts) into one gradebook and feedback',
  },
  grade: {
    command: 'grade <submissions>',
    describe: 'Grade a class: every <student>/<lab>/ folder (or <student>.zip|.tar.gz), isolated',
  },
  completion: {
    command: 'completion [shell]',
    describe:
      'Print the shell completion script: bash, zsh or fish (e.g. source <(kubelab completion))',
  },
} as const satisfies Record<string, CommandHead>;

/** A command's name: the first word of its command string. */
export type CommandName = keyof typeof commandHeads;
