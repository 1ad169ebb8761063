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
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
