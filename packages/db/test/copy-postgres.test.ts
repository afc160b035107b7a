import { readFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../src/index.ts';
import { copyCapableTransaction } from '../src/drivers/postgres.ts';
import { bulkInsert } from '../src/queries/ingest/copy.ts';
import { insertUnnest, type BulkColumn } from '../src/sql/bulk.ts';
import { startPostgres, type PostgresServer } from './support/postgres-server.ts';

// The COPY path on a real Postgres server. pgvector is not needed here (the atlas migrations need
// it, so these tests use plain tables); PGlite cannot run this path: its socket server drops the
// connection on COPY FROM STDIN (FATAL 08P01 "protocol synchronization was lost").
const server: PostgresServer | undefined = startPostgres();

const ROWS = 50_000;
const columns = (): BulkColumn[] => [
  { name: 'feature_id', type: 'bigint', values: Float64Array.from({ length: ROWS }, (_, i) => i % 997) },
  { name: 'position', type: 'smallint', values: Float64Array.from({ length: ROWS }, (_, i) => i % 128) },
  { name: 'value', type: 'real', values: Float64Array.from({ length: ROWS }, (_, i) => Math.cos(i) * 3.7) },
  { name: 'token', type: 'text', values: Array.from({ length: ROWS }, (_, i) => (i % 3 ? `tok\t${i}\\` : 'line\nbreak')) },
];

describe.skipIf(!server)('bulkInsert on real Postgres (COPY FROM STDIN)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: server!.url });
    await pool.query('create table via_copy (feature_id bigint, position smallint, value real, token text)');
    await pool.query('create table via_unnest (like via_copy)');
  });
  afterAll(async () => {
    await pool?.end();
    server?.stop();
  });

  it('copies inside the transaction, giving the same rows as the unnest insert', async () => {
    await copyCapableTransaction(pool, (tx) => bulkInsert(tx, 'via_copy', columns()));
    const plain: AtlasDb = { orm: drizzle({ client: pool }) as unknown as AtlasDb['orm'], kind: 'postgres', close: async () => {}, transaction: () => Promise.reject(new Error('unused')) };
    await insertUnnest(plain, 'via_unnest', columns());
    const read = async (table: string) =>
      (await pool.query(`select feature_id::text, position, value, token from ${table} order by feature_id, position, value, token`)).rows;
    const copied = await read('via_copy');
    expect(copied).toHaveLength(ROWS);
    expect(copied).toEqual(await read('via_unnest'));
    expect(readFileSync(server!.logFile, 'utf8')).toContain('copy "via_copy" ("feature_id", "position", "value", "token") from stdin');
  });

  it('leaves nothing when the transaction fails after the COPY, and the pool keeps working', async () => {
    await pool.query('truncate via_copy');
    const attempt = copyCapableTransaction(pool, async (tx) => {
      await bulkInsert(tx, 'via_copy', columns());
      throw new Error('disk full (simulated)');
    });
    await expect(attempt).rejects.toThrow('disk full (simulated)');
    expect((await pool.query('select count(*)::int as n from via_copy')).rows[0].n).toBe(0);
  });

  it('reports a row the server rejects and rolls the whole load back', async () => {
    const bad = columns();
    (bad[1]!.values as Float64Array)[ROWS - 1] = 40_000; // out of smallint range, in the last chunk
    const attempt = copyCapableTransaction(pool, (tx) => bulkInsert(tx, 'via_copy', bad));
    await expect(attempt).rejects.toThrow(/smallint/);
    expect((await pool.query('select count(*)::int as n from via_copy')).rows[0].n).toBe(0);
  });
});
