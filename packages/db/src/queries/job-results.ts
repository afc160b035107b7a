import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { jobResultChunks, jobResults } from '../schema/index.ts';

/** Chunk size of binary results (see `job_result_chunks`). */
export const JOB_RESULT_CHUNK_BYTES = 8 * 2 ** 20;

/**
 * Stores a job's binary result under `name`: its header goes first (so a reader never sees an
 * old header over new chunks), then the chunks one statement each (small messages for PGlite's
 * socket; no transaction holding its single backend), then the header that makes it visible.
 * A worker killed midway leaves no result; its retry overwrites the chunks.
 */
export async function saveJobBinaryResult(
  db: AtlasDb, jobId: string, name: string, bytes: Uint8Array, chunkBytes = JOB_RESULT_CHUNK_BYTES,
): Promise<void> {
  await db.orm.delete(jobResults).where(and(eq(jobResults.jobId, jobId), eq(jobResults.name, name)));
  const chunks = Math.max(1, Math.ceil(bytes.byteLength / chunkBytes));
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const part = bytes.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes);
    await db.orm
      .insert(jobResultChunks)
      .values({ jobId, name, chunk, bytes: part })
      .onConflictDoUpdate({ target: [jobResultChunks.jobId, jobResultChunks.name, jobResultChunks.chunk], set: { bytes: part } });
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
    .select({ bytes: jobResultChunks.bytes })
    .from(jobResultChunks)
    .where(and(eq(jobResultChunks.jobId, jobId), eq(jobResultChunks.name, name), lt(jobResultChunks.chunk, header.chunks)))
    .orderBy(asc(jobResultChunks.chunk));
  const bytes = Buffer.concat(rows.map((row) => row.bytes));
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
