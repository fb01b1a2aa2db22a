import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer ladder: each src/ folder and what it may import besides itself. Imports point down
 * only; a folder not listed here (a new one) must be added before it can be imported from below.
 * See README.md, "Source map".
 */
const LAYERS = {
  model: [],
  cluster: ['model'],
  report: ['model'],
  'check-api': ['model', 'cluster', 'report'],
  catalogue: ['model', 'cluster', 'report', 'check-api'],
  runner: ['model', 'cluster', 'report', 'check-api', 'catalogue'],
  session: ['model', 'cluster', 'report', 'check-api', 'catalogue', 'runner'],
  batch: ['model', 'cluster', 'report', 'check-api', 'catalogue', 'runner', 'session'],
  cli: ['model', 'cluster', 'report', 'check-api', 'catalogue', 'runner', 'session', 'batch'],
};

/** The one src/ module check code (checks/*.ts, checks/lib/) may import, from src/. */
const CHECK_API = 'check-api/index.js';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative import that reaches `folder` (at any depth of ../), e.g. `../../runner/x.js`. */
const reaching = (folders) => `^(?:\\./)?(?:\\.\\./)+(?:${folders.map(escape).join('|')})/`;

/** One config block per src/ layer: every folder above it, and checks/, is off limits. */
const layerRules = Object.entries(LAYERS).map(([layer, below]) => {
  const above = Object.keys(LAYERS).filter((other) => other !== layer && !below.includes(other));
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: reaching(above),
              message: `src/${layer} sits below ${above.join(', ')} on the layer ladder (README.md, "Source map"): move the code you need down to the layer that owns it, or pass it in.`,
            },
            {
              regex: '^(?:\\./)?(?:\\.\\./)+checks/',
              message:
                'Engine code never imports check code: move the helper down into src/ (check code reaches it through src/check-api).',
            },
          ],
        },
      ],
    },
  };
});

/** Check kinds and their helpers reach the engine only through the door. */
const checkRules = {
  files: ['checks/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?:\\./)?(?:\\.\\./)+src/(?!${escape(CHECK_API)}$)`,
            message: `Check code imports src/ only through src/${CHECK_API} (the door for check authors): export what you need from there.`,
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS files (mocha's reporter): Node's CommonJS globals, require allowed.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union.' },
      ],
    },
  },
  ...layerRules,
  checkRules,
);
