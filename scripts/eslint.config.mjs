// ESLint for the project's JavaScript: correctness rules only; layout is Prettier's.
import js from '@eslint/js';
import globals from 'globals';

export default [
  // python/: the copy of dist's script the build puts in the package, and what pip builds beside it.
  { ignores: ['build/**', 'dist/**', '**/node_modules/**', 'python/build/**', 'python/attention_playground/*.js'] },
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
