// One ESLint config for the whole workspace, run by each package's `lint` script (ESLint looks upward from the
// package for it). n8n-nodes-blazwa first runs n8n's own `n8n-node lint`, whose strict mode wants that package's
// eslint.config.mjs to be n8n's default, then this file with `--config`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '.cache/**', '.demo/**', '.test-results/**', 'coverage/**', 'bench/results/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2024,
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Node-RED's runtime API and its test helper come without types, and the tests poke at what they return: the
      // `any` family would flag every use of them without finding a bug.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // n8n's node methods and fastify's plugins must return promises whether or not they wait for anything.
      '@typescript-eslint/require-await': 'off',
      // Every hit is a deliberate String() of outside input typed `unknown` (node settings, request bodies).
      '@typescript-eslint/no-base-to-string': 'off',
      // Style, not bugs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Re-rejecting what a callback or a catch handed over is fine, as `only-throw-error` allows for throw.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // A leading underscore marks a value that is there for its position; rest siblings drop fields on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Node-RED's node constructors keep `this` as `node` for their callbacks; getters returned from a method read `store`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node', 'store'] }],
    },
  },
  {
    // core's main entry has a tsconfig without Node's types; its undici entry and tests have their own.
    files: ['packages/core/src/undici/**/*.ts', 'packages/core/test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './packages/core/tsconfig.node.json' } },
  },
  {
    // Plain JavaScript and the tools' own config files belong to no tsconfig: linted without type information.
    files: ['**/*.{js,mjs,cjs}', '**/vitest.config.{ts,mts}', '**/tsup.config.ts', 'vitest.shared.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The sandbox console runs in the browser, loaded by a <script> tag.
    files: ['packages/sandbox/public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
);
