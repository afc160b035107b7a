import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type AtlasDb } from '../src/index.ts';
import { openPostgresPool } from '../src/drivers/postgres.ts';
import { openTestPostgresDatabase } from './support/postgres-server.ts';

const postgresUrl = inject('postgresUrl');

/**
 * The drivers under test: PGlite directly; the node-postgres driver talking to an in-memory
 * PGlite through PGlite's node-postgres adapter (type parsing, parameters and transactions
 * without a server); and, where the run has one (see support/global-postgres.ts), a real
 * Postgres server with pgvector, as a hosted atlas runs: COPY loads, HNSW indexes.
 */
export const drivers: [name: string, open: () => Promise<AtlasDb>][] = [
  ['pglite', () => openDatabase({ inMemory: true })],
  ['node-postgres', openNodePostgresOnPglite],
  ...(postgresUrl ? [['postgres', () => openTestPostgresDatabase(postgresUrl)] as [string, () => Promise<AtlasDb>]] : []),
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
  const close = db.close;
  return Object.assign(db, {
    close: async () => {
      await close();
      await pglite.close();
    },
  });
}
