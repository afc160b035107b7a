import { sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray, type PgArrayType } from './arrays.ts';

export type BulkColumn = { name: string; type: PgArrayType; values: ArrayLike<number> | readonly string[] };

/**
 * `insert into <table> (<columns>) select * from unnest($1::type[], ...)`: one parameter per
 * column however many rows, so a statement loads a whole chunk. Measured on PGlite as fast as
 * COPY from a blob, and it runs unchanged on node-postgres.
 */
export async function insertUnnest(db: AtlasDb, table: string, columns: readonly BulkColumn[]): Promise<void> {
  await db.orm.execute(unnestInsert(table, columns));
}

export function unnestInsert(table: string, columns: readonly BulkColumn[], returning?: string): SQL {
  const names = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
  const arrays = sql.join(
    columns.map((column) => pgArray(column.values, column.type)),
    sql`, `,
  );
  const tail = returning ? sql.raw(` returning ${returning}`) : sql``;
  return sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${arrays})${tail}`;
}

/** [start, end) ranges of `size` over `total` items. */
export function* chunkRanges(total: number, size: number): Generator<[number, number]> {
  for (let start = 0; start < total; start += size) yield [start, Math.min(start + size, total)];
}
