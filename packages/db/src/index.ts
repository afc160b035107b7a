// @atlas/db: the atlas database. Callers (API, pipeline) use openDatabase and the query
// functions below; the drizzle schema stays inside this package.
export { openDatabase, type OpenDatabaseOptions } from './client.ts';
export { serveDatabase, sharedDatabaseUrl, type ServedDatabase } from './serve-socket.ts';
export type { AtlasDb, AtlasOrm } from './orm.ts';
export { migrate, MigrationError } from './migrate.ts';
export { DatabaseConnectionError, IngestInputError, DataPoolError, LabelWriteError, isConnectionLost } from './errors.ts';
export { acquirePidLock, type PidLock, type LockHolder } from './pid-lock.ts';

export { nameStatements } from './sql/rows.ts';
export * from './queries/models.ts';
export * from './queries/saes.ts';
export * from './queries/features.ts';
export * from './queries/activations.ts';
export * from './queries/histograms.ts';
export * from './queries/neighbours.ts';
export * from './queries/logit-effects.ts';
export * from './queries/head-attributions.ts';
export * from './queries/model-sources.ts';
export * from './queries/decoders.ts';
export * from './queries/labels.ts';
export * from './queries/feature-map.ts';
export * from './queries/label-batches.ts';
export * from './queries/users.ts';
export * from './queries/api-keys.ts';
export * from './queries/sessions.ts';
export * from './queries/builds.ts';
export * from './queries/ingest.ts';
export * from './queries/table-sizes.ts';
export * from './queries/jobs.ts';
export * from './queries/job-results.ts';
export { sqlExecutor, type SqlExecutor } from './sql/sql-executor.ts';
export { exportSaeBundle, type ExportOptions, type ExportProgress } from './bundle/export.ts';
export type { HumanLabelImport } from './bundle/human-labels.ts';
export { importSaeBundle, readSaeBundle, type ImportResult } from './bundle/import.ts';
export { BundleError, BUNDLE_FORMAT_VERSION, type BundleManifest } from './bundle/manifest.ts';
export * from './queries/pools.ts';
export * from './queries/pool-representations.ts';
export * from './queries/selections.ts';
export * from './queries/rate-limits.ts';
export * from './queries/comparisons.ts';
export * from './queries/search-documents.ts';
export * from './queries/search-label-visibility.ts';
export {
  analyzeSearchDocuments, createSearchVectorIndex, dropSearchVectorIndex, hasSearchVectorIndex, searchVectorIndexName, type HnswSettings,
} from './queries/search-vector-index.ts';
export * from './queries/feature-search.ts';
export * from './queries/label-scores.ts';
