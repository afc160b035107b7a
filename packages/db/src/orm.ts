import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;

/** The drizzle database both drivers (PGlite, node-postgres) and their transactions satisfy. */
export type AtlasOrm = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/**
 * An open atlas database. Query modules take this; only they touch `orm`.
 * `transaction(fn)` runs `fn` with an AtlasDb bound to one transaction (nested calls use
 * savepoints); it commits when `fn` resolves and rolls back when it throws.
 */
export interface AtlasDb {
  readonly orm: AtlasOrm;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  transaction<T>(fn: (tx: AtlasDb) => Promise<T>): Promise<T>;
}

export function transactionalDb(orm: AtlasOrm, kind: AtlasDb['kind']): AtlasDb {
  return {
    orm,
    kind,
    close: async () => {
      throw new Error('close() the database, not a transaction');
    },
    transaction: (fn) => orm.transaction((tx) => fn(transactionalDb(tx, kind))),
  };
}
