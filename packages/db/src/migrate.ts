import { AtlasError } from '@atlas/errors';
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
  try {
    await run();
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    if (/already exists/.test(reason)) {
      throw new MigrationError(
        `The database's tables do not match this version's migrations (${reason}). It was made by an ` +
          'incompatible development build. For the embedded database, delete .atlas/pgdata (the demo atlas ' +
          'is rebuilt on the next start); for Postgres, migrate or recreate the database.',
      );
    }
    throw error;
  }
}

export class MigrationError extends AtlasError {
  static override defaultCode = 'DATABASE_UNAVAILABLE' as const;
  override readonly name = 'MigrationError';
}
