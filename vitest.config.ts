import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo: unit tests beside each package, integration and browser
// tests under tests/. Forks keep onnxruntime and PGlite instances isolated per file.
export default defineConfig({
  // One graphql-js, as in production: Node resolves `graphql` to its CommonJS build (what Apollo
  // and @graphql-tools load), while vite would give source files the ES module build, a second
  // copy whose classes the first rejects (a GraphQLError from one is not an instance of the other).
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
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
