import { openPglite } from './drivers/pglite.ts';
import { openPostgres } from './drivers/postgres.ts';
import { dbEnv } from './env.ts';
import type { AtlasDb } from './orm.ts';
import { defaultPgliteDir } from './paths.ts';

export type OpenDatabaseOptions = {
  /** Postgres URL; defaults to DATABASE_URL. When neither is set, PGlite is used. */
  url?: string;
  /** PGlite data folder; defaults to `<ATLAS_DATA_DIR or repo/.atlas>/pgdata`. */
  dataDir?: string;
  /** PGlite in memory (tests); ignores `dataDir`. */
  inMemory?: boolean;
};

/** Opens the atlas database and applies pending migrations from `db/migrations`. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<AtlasDb> {
  const env = dbEnv();
  const url = options.url ?? (options.inMemory || options.dataDir ? undefined : env.DATABASE_URL);
  if (url) return openPostgres(url);
  if (options.inMemory) return openPglite(undefined);
  return openPglite(options.dataDir ?? defaultPgliteDir(env.ATLAS_DATA_DIR));
}
