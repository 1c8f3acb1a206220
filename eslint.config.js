// @ts-check
const tseslint = require('typescript-eslint');

/** Pure code (read models, templates, deciders) must stay free of frameworks and databases. */
const pureCodeBoundary = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['@nestjs/*'], message: 'Pure code must not depend on NestJS.' },
        { group: ['better-sqlite3', '@eventstore/*'], message: 'Only adapters may touch a database.' },
        { group: ['**/event-store/sqlite/**', '**/event-store/eventstoredb/**'], message: 'Only adapters may touch a database.' },
      ],
    },
  ],
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**', '*.config.js', 'web/dist/**', 'web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['projections/**/*.ts', 'templates/**/*.ts', 'src/**/*.decider.ts'], rules: pureCodeBoundary },
);
