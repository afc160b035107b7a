import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo: unit tests beside each package, integration and browser
// tests under tests/. Forks keep onnxruntime and PGlite instances isolated per file.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    environment: 'node',
    // A real Postgres with pgvector for the database tests' third driver (skipped where absent).
    globalSetup: ['packages/db/test/support/global-postgres.ts'],
  },
});
