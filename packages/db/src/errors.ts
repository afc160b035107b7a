import { AtlasError } from '@atlas/errors';

/** Postgres at DATABASE_URL could not be reached or refused the connection. */
export class DatabaseConnectionError extends AtlasError {
  static override defaultCode = 'DATABASE_UNAVAILABLE' as const;
  override readonly name = 'DatabaseConnectionError';
}

/** The data given to an ingest function is inconsistent (unknown feature index, bad vector length, ...). */
export class IngestInputError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'IngestInputError';
}

/** A data pool or selection write that cannot go ahead (the id is taken, the pool is unknown, …). */
export class DataPoolError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'DataPoolError';
}

/** A label write that cannot go ahead: its feature or label does not exist (NOT_FOUND). */
export class LabelWriteError extends AtlasError {
  static override defaultCode = 'NOT_FOUND' as const;
  override readonly name = 'LabelWriteError';
}

/** Postgres error classes meaning the connection, not the query, failed: 08 (connection exception), 57P01–57P03 (shutdown, restart). */
const LOST_CONNECTION_SQLSTATE = /^(08...|57P0[123])$/;
const LOST_CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_CONNECTION_MESSAGE = /Connection terminated|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Whether a query failed because the database went away (restarting, unreachable, connection
 * cut) rather than because of the query: such a failure is an outage to retry, not a bug. Looks
 * through `cause` chains (drizzle wraps driver errors).
 */
export function isConnectionLost(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (LOST_CONNECTION_SQLSTATE.test(code) || LOST_CONNECTION_ERRNO.has(code))) return true;
    if (LOST_CONNECTION_MESSAGE.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
