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
