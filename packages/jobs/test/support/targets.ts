import { openDatabase, serveDatabase } from '@atlas/db';
import { createTestDatabase } from '@atlas/db/testing';
import pg from 'pg';
import { inject } from 'vitest';
import { testKinds } from './test-kinds.ts';

/** A database the runner can use by URL, with the test kinds' queues, and how to get rid of it. */
export interface TestTarget {
  url: string;
  close(): Promise<void>;
}

const postgresUrl = inject('postgresUrl');

/**
 * Where the runner is tested: the embedded database served over its socket (as `--shards` and
 * the API run it), and the run's real Postgres where it has one (as `atlas worker` does).
 */
export const targets: [name: string, open: () => Promise<TestTarget>][] = [
  ['pglite over its socket', openServedPglite],
  ...(postgresUrl ? [['postgres', () => openPostgres(postgresUrl)] as [string, () => Promise<TestTarget>]] : []),
];

async function openServedPglite(): Promise<TestTarget> {
  const db = await openDatabase({ inMemory: true });
  const served = await serveDatabase(db);
  await createTestQueues(served.url);
  return {
    url: served.url,
    close: async () => {
      await served.close();
      await db.close();
    },
  };
}

async function openPostgres(adminUrl: string): Promise<TestTarget> {
  const database = await createTestDatabase(adminUrl);
  await (await openDatabase({ url: database.url })).close();
  await createTestQueues(database.url);
  return { url: database.url, close: () => database.drop() };
}

/** The test kinds' pg-boss queues (an application's come from a migration; tests make their own). */
async function createTestQueues(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const kind of testKinds) await client.query(`select pgboss.create_queue($1, '{"policy":"standard"}')`, [kind.name]);
  } finally {
    await client.end();
  }
}
