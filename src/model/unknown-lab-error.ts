import { didYouMean } from './suggest.js';

/** A lab id that names no lab in the labs directory. `suggestions` holds the nearest ids. */
export class UnknownLabError extends Error {
  override readonly name = 'UnknownLabError';
  readonly suggestions: readonly string[];

  constructor(
    readonly labId: string,
    readonly known: readonly string[],
    readonly labsDir: string,
    suggestions: readonly string[],
  ) {
    const hint = didYouMean(labId, suggestions);
    super(
      hint !== ''
        ? `unknown lab ${JSON.stringify(labId)}${hint}`
        : known.length > 0
          ? `unknown lab ${JSON.stringify(labId)}; expected one of ${known.join(', ')} (run "kubelab list" to see them)`
          : `unknown lab ${JSON.stringify(labId)}; ${labsDir} holds no labs (expected <id>/lab.yaml; check --labs-dir)`,
    );
    this.suggestions = suggestions;
  }
}
