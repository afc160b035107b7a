import type { SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). Row types are the caller's claim. */
export async function queryRows<T>(db: AtlasDb, query: SQL): Promise<T[]> {
  const result = (await db.orm.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
