import { defineConfig } from 'vitest/config';

// Unit tests run against TypeScript sources (the "source" export condition);
// end-to-end tests in tests/ spawn the built CLI, so `npm test` builds first.
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'module', 'node', 'default'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'tests/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A throwaway PostgreSQL cluster for the store suite on both engines (DUBAN_TEST_PG_URL).
    globalSetup: ['tests/_support/pg-global.ts'],
    maxWorkers: 2,
  },
});
