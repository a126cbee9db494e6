import { defineConfig } from 'vitest/config';

// A vitest project for each package. To run a single folder: npm test -- <folder>.
export default defineConfig({
  test: {
    projects: ['packages/contracts', 'packages/core', 'packages/server', 'packages/cli', 'packages/web'].map(
      (dir) => ({
        test: {
          name: dir.split('/')[1],
          root: dir,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      }),
    ),
  },
});
