import { openDatabase, type AtlasDb } from '@atlas/db';
import { startPostgres, type PostgresServer } from '@atlas/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAE_ID, seedAtlas } from './support/atlas-fixture.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const FEATURE = `{ feature(id: "${SAE_ID}/0") { id label { text } topActivations { tokens } } }`;

/** Asks until the API answers without errors; the error codes seen on the way. */
async function untilAnswered(server: TestServer): Promise<string[]> {
  const codes: string[] = [];
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const { data, errors } = await server.gql(FEATURE).catch((error: unknown) => ({ data: null, errors: [{ message: String(error), extensions: { code: 'NO_ANSWER' } }] }));
    if (!errors && data) return codes;
    codes.push(...(errors ?? []).map((error) => error.extensions?.code ?? 'NONE'));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API never answered again; codes seen: ${[...new Set(codes)].join(', ')}`);
}

/** A real Postgres (its own throwaway server, as the test run's) restarted under a running API. */
describe.skipIf(!inject('postgresUrl'))('the API over Postgres, when Postgres restarts', () => {
  let postgres: PostgresServer;
  let db: AtlasDb;
  let server: TestServer;
  beforeAll(async () => {
    postgres = startPostgres()!;
    db = await openDatabase({ url: postgres.url });
    await seedAtlas(db);
    server = await startTestServer({ db, seed: false, rateLimits: { exempt: [] } });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    postgres?.stop();
  });

  it.each(['fast', 'immediate'] as const)('recovers by itself after a %s stop and start; meanwhile it answers DATABASE_UNAVAILABLE, never an internal error', async (mode) => {
    const before = await server.data(FEATURE);
    server.logged.length = 0;
    postgres.halt(mode);
    const down = await server.gql(FEATURE);
    expect(down.errors?.[0]).toMatchObject({
      message: 'The database is unavailable (it may be restarting). Retry in a few seconds.',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    postgres.resume();
    const codes = await untilAnswered(server);
    expect([...new Set(codes)].filter((code) => code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
    expect(await server.data(FEATURE)).toEqual(before);
    // An outage is logged as such, once (at most every 10 s), not as a bug per failed query.
    expect(server.logged.length).toBeLessThanOrEqual(1);
    for (const args of server.logged) expect(String(args[0])).toMatch(/^Database unavailable \(request [0-9a-f-]{36}\): /);
  });
});
