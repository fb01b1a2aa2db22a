import type { CommandFactory } from '../command.js';
import type { CommandName } from './heads.js';

/** A command, by name, and how to load its module (only when a command line names it). */
export interface CommandEntry {
  readonly name: CommandName;
  load(): Promise<CommandFactory>;
}

/**
 * Every `kubelab` command, in the order `kubelab --help` lists them. One file per command;
 * `merge` and `grade` (batch grading, src/batch) belong to the batch engineer. Modules are loaded
 * on demand (src/cli/load-commands.ts): startup pays only for the command that runs.
 */
export const commandEntries: readonly CommandEntry[] = [
  { name: 'list', load: async () => (await import('./list.js')).default },
  { name: 'validate', load: async () => (await import('./validate.js')).default },
  { name: 'start', load: async () => (await import('./start.js')).default },
  { name: 'check', load: async () => (await import('./check.js')).default },
  { name: 'reset', load: async () => (await import('./reset.js')).default },
  { name: 'cleanup', load: async () => (await import('./cleanup.js')).default },
  { name: 'doctor', load: async () => (await import('./doctor.js')).default },
  { name: 'verify', load: async () => (await import('./verify.js')).default },
  { name: 'merge', load: async () => (await import('./merge.js')).default },
  { name: 'grade', load: async () => (await import('./grade.js')).default },
  { name: 'completion', load: async () => (await import('./completion.js')).default },
];
