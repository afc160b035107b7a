import type { PGlite } from '@electric-sql/pglite';
import { AtlasError } from '@atlas/errors';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { AtlasDb } from './orm.ts';

export interface ServedDatabase {
  /** A Postgres URL other processes (`pg`, pg-boss, `atlas worker`) can connect to. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves an embedded (PGlite) atlas database over the Postgres wire protocol on a TCP port, so
 * `pg`-based clients such as a job queue and worker processes can share it. Queries from all
 * connections run one at a time; a connection's open transaction is finished before another's
 * queries run. `port` 0 picks a free port; the URL says which.
 */
export async function serveDatabase(
  db: AtlasDb,
  options: { port?: number; host?: string; maxConnections?: number } = {},
): Promise<ServedDatabase> {
  if (db.kind !== 'pglite') {
    throw new AtlasError('serveDatabase serves the embedded database only; with DATABASE_URL set, connect to that Postgres directly.', {
      code: 'BAD_USER_INPUT',
    });
  }
  // drizzle keeps the client it was created with; the PGlite driver is the only one that gets here.
  const client = (db.orm as unknown as { $client: PGlite }).$client;
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({
    db: withAtomicExtendedQueries(client), host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  const port = server.getServerConn().split(':').at(-1);
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    close: () => server.stop(),
  };
}

/**
 * The URL other processes (a job queue, `atlas worker`) reach this atlas's database by: `url`
 * when one is given, else the embedded database served on a local port (closed by `close`).
 * Postgres without a URL is DATABASE_UNAVAILABLE: a pool of the same server cannot be recovered
 * from an open connection, so `purpose` ("Starting jobs") says who needs DATABASE_URL set.
 */
export async function sharedDatabaseUrl(
  db: AtlasDb,
  options: { url?: string | undefined; port?: number | undefined; purpose: string },
): Promise<ServedDatabase> {
  if (options.url) return { url: options.url, close: async () => {} };
  if (db.kind !== 'pglite') {
    throw new AtlasError(`${options.purpose} on Postgres needs the database URL: set DATABASE_URL.`, { code: 'DATABASE_UNAVAILABLE' });
  }
  return serveDatabase(db, options.port === undefined ? {} : { port: options.port });
}

/** Extended-protocol messages that leave a query unfinished until the client's Sync. */
const MID_QUERY_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd'].map((type) => type.charCodeAt(0)));

/**
 * pglite-socket queues each wire message on its own and keeps one connection's messages together
 * only inside an explicit transaction. A parameterised query is several messages (Parse, Bind,
 * Describe, Execute, Sync) on PGlite's single backend, so two connections could interleave them
 * ("bind message supplies 3 parameters, but prepared statement requires 2"). Reporting "in a
 * transaction" from the first of those messages until the Sync makes the queue finish one
 * connection's query before taking another's.
 */
function withAtomicExtendedQueries(client: PGlite): PGlite {
  let midQuery = false;
  return new Proxy(client, {
    get(target, property) {
      if (property === 'isInTransaction') return () => midQuery || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, ...rest: unknown[]) => {
          midQuery = MID_QUERY_MESSAGES.has(message[0]!);
          return (target.execProtocolRawStream as (...args: unknown[]) => Promise<void>).call(target, message, ...rest);
        };
      }
      if (property === 'exec') {
        // Used by the server to roll back after a client vanished mid-transaction or mid-query.
        return (...args: unknown[]) => {
          midQuery = false;
          return (target.exec as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
