import type pg from 'pg';
import type { AtlasDb } from '../orm.ts';

/**
 * Transactions that run on one dedicated node-postgres client, which `COPY … FROM STDIN`
 * needs (pg-copy-streams writes to the connection itself). The Postgres driver registers each
 * such transaction; bulk loads ask here and fall back to batched `unnest` inserts when a
 * transaction has no client (PGlite, or a server that cannot take COPY, such as PGlite's socket).
 */
const copyClients = new WeakMap<AtlasDb, pg.ClientBase>();

export function registerCopyClient(tx: AtlasDb, client: pg.ClientBase): void {
  copyClients.set(tx, client);
}

export function copyClientOf(tx: AtlasDb): pg.ClientBase | undefined {
  return copyClients.get(tx);
}
