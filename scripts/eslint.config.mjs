// ESLint for the project's JavaScript: correctness rules only; layout is Prettier's.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/**', 'dist/**', '**/node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
    },
  },
  {
    files: ['tests/**', 'scripts/**', 'bench/**', 'wasm/**'],
    languageOptions: {
      // The page-side queries of tests/browser/deep-query.js, used inside functions the tests run in the page.
      globals: {
        ...globals.node,
        ...globals.browser,
        ...Object.fromEntries(
          ['deepQuery', 'deepQueryAll', 'deepById', 'deepActive', 'deepContains'].map((g) => [g, 'readonly']),
        ),
      },
    },
  },
];
