import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.ts';

/**
 * One throwaway real Postgres (with pgvector) for the whole test run, so the database tests
 * run on it as a third driver beside PGlite. Where Postgres or pgvector is not installed those
 * tests are skipped, unless ATLAS_TEST_POSTGRES=require (CI), which makes that an error.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const required = process.env.ATLAS_TEST_POSTGRES === 'require';
  const missing = (why: string) => {
    if (required) throw new Error(`ATLAS_TEST_POSTGRES=require but ${why}. Run \`bash scripts/postgres/install.sh\` (Debian, as root).`);
    project.provide('postgresUrl', null);
    return () => {};
  };
  const server = startPostgres();
  if (!server) return missing('no Postgres server binaries are installed');
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    const { rows } = await client.query("select 1 from pg_available_extensions where name = 'vector'");
    if (rows.length === 0) {
      server.stop();
      return missing('the Postgres server has no pgvector extension');
    }
  } finally {
    await client.end();
  }
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
