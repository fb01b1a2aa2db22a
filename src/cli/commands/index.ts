import type { CommandFactory } from '../command.js';
import check from './check.js';
import cleanup from './cleanup.js';
import doctor from './doctor.js';
import grade from './grade.js';
import list from './list.js';
import merge from './merge.js';
import reset from './reset.js';
import start from './start.js';
import validate from './validate.js';
import verify from './verify.js';

/**
 * Every `kubelab` command, in the order `kubelab --help` lists them. One file per command;
 * `merge` and `grade` (batch grading, src/batch) belong to the batch engineer.
 */
export const commandFactories: readonly CommandFactory[] = [
  list,
  validate,
  start,
  check,
  reset,
  cleanup,
  doctor,
  verify,
  merge,
  grade,
];
