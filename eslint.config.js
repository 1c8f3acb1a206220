// @ts-check
const tseslint = require('typescript-eslint');

// Architecture boundaries (pure code, adapters, areas, cycles) are dependency-cruiser's: .dependency-cruiser.cjs.
module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**', '*.config.js', 'web/dist/**', 'web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
