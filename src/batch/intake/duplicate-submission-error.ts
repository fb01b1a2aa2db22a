/**
 * Two entries of the submissions directory belong to the same student (`alice/` and `alice.zip`,
 * or two folders the roster gives the same id): which one to grade is the instructor's call, so
 * grading does not start.
 */
export class DuplicateSubmissionError extends Error {
  override readonly name = 'DuplicateSubmissionError';
  constructor(
    /** The roster id or folder name they share. */
    readonly student: string,
    /** The clashing entries as found in the submissions directory, sorted. */
    readonly entries: readonly string[],
  ) {
    super(
      `${entries.join(' and ')} are both submissions of student ${JSON.stringify(student)}; ` +
        'expected one submission per student, so nothing was graded',
    );
  }
}
