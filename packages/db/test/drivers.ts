import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { openDatabase, type AtlasDb } from '../src/index.ts';
import { openPostgresPool } from '../src/drivers/postgres.ts';

/**
 * The two drivers under test: PGlite directly, and the node-postgres driver (what a hosted atlas
 * runs) talking to an in-memory PGlite through PGlite's node-postgres adapter, so its type
 * parsing, parameters and transactions are exercised without a Postgres server.
 */
export const drivers: [name: string, open: () => Promise<AtlasDb>][] = [
  ['pglite', () => openDatabase({ inMemory: true })],
  ['node-postgres', openNodePostgresOnPglite],
];

async function openNodePostgresOnPglite(): Promise<AtlasDb> {
  const pglite = await PGlite.create({ extensions: { vector } });
  const config = createPgConfig(pglite);
  // drizzle hands node-postgres a type-parser object as `types`; real Postgres connections
  // ignore it at parse time, PGlite's adapter expects an array of parameter OIDs.
  const parse = config.connection.parse.bind(config.connection);
  config.connection.parse = (message: { types?: unknown }) =>
    parse({ ...message, types: Array.isArray(message.types) ? message.types : undefined });
  const db = await openPostgresPool(new pg.Pool(config));
  return {
    ...db,
    close: async () => {
      await db.close();
      await pglite.close();
    },
  };
}
