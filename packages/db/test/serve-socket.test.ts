import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, serveDatabase, type AtlasDb, type ServedDatabase } from '../src/index.ts';

describe('serveDatabase', () => {
  let db: AtlasDb;
  let served: ServedDatabase;

  beforeAll(async () => {
    db = await openDatabase({ inMemory: true });
    served = await serveDatabase(db);
  });
  afterAll(async () => {
    await served?.close();
    await db?.close();
  });

  it('serves the embedded database to pg clients, parameterised queries from many connections never mixed up', async () => {
    expect(served.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    const pool = new pg.Pool({ connectionString: served.url, max: 6 });
    try {
      // Alternating statement shapes, with large parameters (as a shard's result is) so that a Bind
      // message arrives in several TCP chunks: interleaved Parse/Bind messages of two connections
      // would bind 3 parameters to a 2-parameter statement (or the reverse) and fail.
      const big = 'x'.repeat(2_000_000);
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          i % 2 === 0
            ? pool.query<{ answer: number }>('SELECT $1::int + length($2::text) AS answer', [i, big])
            : pool.query<{ answer: number }>('SELECT $1::int * $2::int - $3::int AS answer', [i, 2, i]),
        ),
      );
      expect(results.map((result) => result.rows[0]!.answer)).toEqual(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? i + big.length : i)));
      const { rows } = await pool.query<{ count: string }>("SELECT count(*) FROM pg_tables WHERE tablename = 'features'");
      expect(rows[0]!.count).toBe('1');
    } finally {
      await pool.end();
    }
  });

  it('refuses a Postgres-backed database, which clients reach directly', async () => {
    const fake = { ...db, kind: 'postgres' as const };
    await expect(serveDatabase(fake)).rejects.toThrow(/embedded database only/);
  });
});
