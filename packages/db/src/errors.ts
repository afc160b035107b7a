/** Postgres at DATABASE_URL could not be reached or refused the connection. */
export class DatabaseConnectionError extends Error {
  override readonly name = 'DatabaseConnectionError';
}

/** The data given to an ingest function is inconsistent (unknown feature index, bad vector length, ...). */
export class IngestInputError extends Error {
  override readonly name = 'IngestInputError';
}
