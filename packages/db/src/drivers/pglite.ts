import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { migrate, registerMigrator } from '../migrate.ts';
import { transactionalDb, type AtlasDb } from '../orm.ts';
import { migrationsFolder } from '../paths.ts';
import * as schema from '../schema/index.ts';

/** Embedded Postgres (WASM) with pgvector; in memory when `dataDir` is undefined. Migrated on open. */
export async function openPglite(dataDir: string | undefined): Promise<AtlasDb> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  const orm = drizzle({ client, schema });
  const db: AtlasDb = {
    orm,
    kind: 'pglite',
    close: () => client.close(),
    transaction: (fn) => orm.transaction((tx) => fn(transactionalDb(tx, 'pglite'))),
  };
  registerMigrator(db, () => drizzleMigrate(orm, { migrationsFolder }));
  try {
    await migrate(db);
  } catch (error) {
    await client.close();
    throw error;
  }
  return db;
}
