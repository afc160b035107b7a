/**
 * COPY FROM STDIN vs batched unnest inserts on a real Postgres server (no pgvector needed):
 * activation-shaped rows (bigint, bigint, smallint, real) loaded both ways in one transaction
 * each, 100k rows per statement / COPY, as the ingest does. Not a test. Run on a quiet machine:
 *   DATABASE_URL=postgres://… npx tsx packages/db/bench/copy-speed.ts [rows]
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { copyCapableTransaction } from '../src/drivers/postgres.ts';
import type { AtlasDb } from '../src/orm.ts';
import { bulkInsert } from '../src/queries/ingest/copy.ts';
import { chunkRanges, insertUnnest, type BulkColumn } from '../src/sql/bulk.ts';

const CHUNK = 100_000;

function activationColumns(start: number, end: number): BulkColumn[] {
  const size = end - start;
  const column = (f: (i: number) => number) => Float64Array.from({ length: size }, (_, i) => f(start + i));
  return [
    { name: 'feature_id', type: 'bigint', values: column((i) => 1_000_000 + (i % 4096)) },
    { name: 'context_id', type: 'bigint', values: column((i) => 5_000_000 + Math.floor(i / 37)) },
    { name: 'position', type: 'smallint', values: column((i) => i % 128) },
    { name: 'value', type: 'real', values: column((i) => Math.abs(Math.sin(i)) * 12) },
  ];
}

export async function benchmarkCopy(url: string, rows: number): Promise<{ copyRowsPerSecond: number; unnestRowsPerSecond: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const table = `atlas_copy_bench_${process.pid}`;
    await pool.query(`create unlogged table ${table} (feature_id bigint, context_id bigint, position smallint, value real)`);
    try {
      const timed = async (load: () => Promise<void>) => {
        await pool.query(`truncate ${table}`);
        const started = performance.now();
        await load();
        return rows / ((performance.now() - started) / 1000);
      };
      const unnestRowsPerSecond = await timed(async () => {
        const client = await pool.connect();
        try {
          const db = { orm: drizzle({ client }) } as unknown as AtlasDb;
          await client.query('begin');
          for (const [start, end] of chunkRanges(rows, CHUNK)) await insertUnnest(db, table, activationColumns(start, end));
          await client.query('commit');
        } finally {
          client.release();
        }
      });
      const copyRowsPerSecond = await timed(() =>
        copyCapableTransaction(pool, async (tx) => {
          for (const [start, end] of chunkRanges(rows, CHUNK)) await bulkInsert(tx, table, activationColumns(start, end));
        }),
      );
      return { copyRowsPerSecond, unnestRowsPerSecond };
    } finally {
      await pool.query(`drop table ${table}`);
    }
  } finally {
    await pool.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a Postgres server (pgvector not needed), e.g. docker compose up -d db.');
  const rows = Number(process.argv[2] ?? 655_360);
  const result = await benchmarkCopy(url, rows);
  console.log(`${rows} activation rows: COPY ${Math.round(result.copyRowsPerSecond)} rows/s, unnest ${Math.round(result.unnestRowsPerSecond)} rows/s`);
}
