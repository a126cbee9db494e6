import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests against a running server (E2E_BASE_URL); `npm run test:e2e` starts one.
// Vitest requires a default export here.
export default defineConfig({
  test: {
    name: 'web-e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
