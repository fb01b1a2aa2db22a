import type { CommandFactory } from '../command.js';
import doctor from './doctor.js';

/**
 * Every `kubelab` command, in the order `kubelab --help` lists them. One file per command;
 * `grade` (batch grading) is added here by the batch engineer.
 */
export const commandFactories: readonly CommandFactory[] = [doctor];
