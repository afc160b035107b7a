import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';

export interface TableSize {
  table: string;
  rows: number;
  /** pg_total_relation_size: heap, indexes and TOAST. */
  bytes: number;
}

/** Rows and on-disk bytes of every non-empty atlas table, largest first (capacity planning: docs/scaling.md). */
export async function tableSizes(db: AtlasDb): Promise<TableSize[]> {
  const tables = (await db.orm.execute(sql`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY pg_total_relation_size(c.oid) DESC`)) as unknown as { rows: { name: string }[] };
  const sizes: TableSize[] = [];
  for (const { name } of tables.rows) {
    const result = (await db.orm.execute(
      sql`SELECT count(*)::float8 AS rows, pg_total_relation_size(${name}::regclass)::float8 AS bytes FROM ${sql.identifier(name)}`,
    )) as unknown as { rows: { rows: number; bytes: number }[] };
    const { rows, bytes } = result.rows[0]!;
    if (rows > 0) sizes.push({ table: name, rows, bytes });
  }
  return sizes;
}
