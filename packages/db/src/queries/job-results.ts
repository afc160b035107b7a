import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { jobResultChunks, jobResults } from '../schema/index.ts';

/**
 * PGlite in this process converts bytea parameters and values byte by byte in JS (seconds per
 * MiB); as hex text, through Buffer's native codec and Postgres' encode/decode, a chunk takes
 * milliseconds. node-postgres sends and receives the bytes as they are.
 */
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Chunk size of binary results (see `job_result_chunks`). */
export const JOB_RESULT_CHUNK_BYTES = 8 * 2 ** 20;

/**
 * Stores a job's binary result under `name`: the old header and chunks go first (so a reader
 * never sees an old header over new chunks), then the chunks one statement each (small messages
 * for PGlite's socket; no transaction holding its single backend), then the header that makes it
 * visible. A worker killed midway leaves no result; its retry writes it again.
 */
export async function saveJobBinaryResult(
  db: AtlasDb, jobId: string, name: string, bytes: Uint8Array, chunkBytes = JOB_RESULT_CHUNK_BYTES,
): Promise<void> {
  await db.orm.delete(jobResults).where(and(eq(jobResults.jobId, jobId), eq(jobResults.name, name)));
  await db.orm.delete(jobResultChunks).where(and(eq(jobResultChunks.jobId, jobId), eq(jobResultChunks.name, name)));
  const chunks = Math.max(1, Math.ceil(bytes.byteLength / chunkBytes));
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const part = bytes.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes);
    await db.orm.insert(jobResultChunks).values({ jobId, name, chunk, bytes: db.kind === 'pglite' ? sql`decode(${hex(part)}, 'hex')` : part });
  }
  await db.orm.insert(jobResults).values({ jobId, name, chunks, byteLength: bytes.byteLength });
}

/** A job's binary result, or null when it has none under `name` (never stored, unfinished or deleted). */
export async function loadJobBinaryResult(db: AtlasDb, jobId: string, name: string): Promise<Uint8Array | null> {
  const [header] = await db.orm
    .select({ chunks: jobResults.chunks, byteLength: jobResults.byteLength })
    .from(jobResults)
    .where(and(eq(jobResults.jobId, jobId), eq(jobResults.name, name)));
  if (!header) return null;
  const rows = await db.orm
    .select({ bytes: db.kind === 'pglite' ? sql<string>`encode(${jobResultChunks.bytes}, 'hex')` : jobResultChunks.bytes })
    .from(jobResultChunks)
    .where(and(eq(jobResultChunks.jobId, jobId), eq(jobResultChunks.name, name), lt(jobResultChunks.chunk, header.chunks)))
    .orderBy(asc(jobResultChunks.chunk));
  const bytes = Buffer.concat(rows.map((row) => (typeof row.bytes === 'string' ? Buffer.from(row.bytes, 'hex') : row.bytes)));
  if (rows.length !== header.chunks || bytes.byteLength !== header.byteLength) {
    throw new Error(`Binary result "${name}" of job ${jobId} has ${rows.length} of ${header.chunks} chunks (${bytes.byteLength} of ${header.byteLength} bytes).`);
  }
  return bytes;
}

/** Which of `jobIds` have a binary result named `name`. */
export async function jobsWithBinaryResult(db: AtlasDb, jobIds: readonly string[], name: string): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await db.orm
    .select({ jobId: jobResults.jobId })
    .from(jobResults)
    .where(and(inArray(jobResults.jobId, [...jobIds]), eq(jobResults.name, name)));
  return new Set(rows.map((row) => row.jobId));
}

/** Deletes the binary results of `jobIds` (all names), keeping the job records. */
export async function deleteJobBinaryResults(db: AtlasDb, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db.orm.delete(jobResults).where(inArray(jobResults.jobId, [...jobIds]));
  await db.orm.delete(jobResultChunks).where(inArray(jobResultChunks.jobId, [...jobIds]));
}
