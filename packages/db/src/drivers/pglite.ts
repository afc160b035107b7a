import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { DatabaseConnectionError } from '../errors.ts';
import { migrate, registerMigrator } from '../migrate.ts';
import { acquirePidLock } from '../pid-lock.ts';
import { transactionalDb, type AtlasDb } from '../orm.ts';
import { migrationsFolder } from '../paths.ts';
import * as schema from '../schema/index.ts';

/**
 * Embedded Postgres (WASM) with pgvector; in memory when `dataDir` is undefined. Migrated on open.
 * A data folder serves one process at a time (PGlite has no shared memory between processes; two
 * writers corrupt it), so it is locked while open and a second process gets a clear error.
 */
export async function openPglite(dataDir: string | undefined): Promise<AtlasDb> {
  const lock = dataDir ? await lockDataDir(dataDir) : undefined;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, { extensions: { vector } });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const orm = drizzle({ client, schema });
  const close = async () => {
    await client.close();
    await lock?.release();
  };
  const db: AtlasDb = {
    orm,
    kind: 'pglite',
    close,
    transaction: (fn) => orm.transaction((tx) => fn(transactionalDb(tx, 'pglite'))),
  };
  registerMigrator(db, () => drizzleMigrate(orm, { migrationsFolder }));
  try {
    await migrate(db);
  } catch (error) {
    await close();
    throw error;
  }
  return db;
}

function lockDataDir(dataDir: string) {
  const file = `${path.resolve(dataDir)}.lock`;
  return acquirePidLock(file, `PGlite ${dataDir}`, (holder) => new DatabaseConnectionError(
    `The embedded database ${path.resolve(dataDir)} is open in another process (pid ${holder.pid}, since ${holder.startedAt}); ` +
      'PGlite serves one process at a time. Wait for that process or stop it, or set DATABASE_URL to a Postgres server ' +
      `for concurrent jobs. If pid ${holder.pid} is gone, delete ${file}.`,
  ));
}
