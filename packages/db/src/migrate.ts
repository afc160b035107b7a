import type { AtlasDb } from './orm.ts';

/** Each driver registers how it applies `db/migrations` (drizzle's migrator for PGlite or node-postgres). */
const migrators = new WeakMap<AtlasDb, () => Promise<void>>();

export function registerMigrator(db: AtlasDb, run: () => Promise<void>): void {
  migrators.set(db, run);
}

/** Applies pending migrations from `db/migrations` (openDatabase already does this). Idempotent. */
export async function migrate(db: AtlasDb): Promise<void> {
  const run = migrators.get(db);
  if (!run) throw new Error('migrate() needs a database from openDatabase(), not a transaction');
  await run();
}
