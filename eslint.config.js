// Type-aware lint for every package; style is Prettier's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '**/*.d.ts', 'packages/web/dist/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: 'error',
      curly: 'error',
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': restrict([
        { group: ['@longarm/server', '@longarm/cli', '@longarm/web'], message: 'core knows no shell' },
        { group: ['hono', 'hono/*', 'commander', 'react'], message: 'core knows no HTTP, argv or UI' },
      ]),
    },
  },
  {
    files: ['packages/core/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['../store/*', '../pipeline/*', '../services/*', '../index.ts', 'pg', '@electric-sql/*'],
          message: 'domain is pure: it imports nothing else from core and does no I/O',
        },
      ]),
    },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['@longarm/*', 'node:*'], message: 'contracts are browser-safe and depend on zod only' },
      ]),
    },
  },
  {
    files: ['packages/server/src/**/*.ts', 'packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@longarm/core/*', '@longarm/*/src/*', '**/core/src/*'],
          message: 'import @longarm/core through its index only',
        },
      ]),
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@longarm/core', '@longarm/server', '@longarm/cli', 'node:*'],
          message: 'the web bundle never pulls in Node code',
        },
      ]),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.e2e.ts', 'packages/*/test/**/*.ts'],
    // expect.any / expect.objectContaining are typed `any` by design.
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/vite.config.ts', '**/vitest*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
);
