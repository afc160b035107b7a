import PgBoss from 'pg-boss';

/** The queue statistics shards travel on. */
export const SHARD_QUEUE = 'atlas-statistics-shard';
/** Partial results live beside pg-boss's own schema, created from code as pg-boss creates its own. */
const RESULTS_SCHEMA = 'atlas_jobs';
/** One row per finished shard: how many chunks its result has. Written last, so it marks the shard done. */
const RESULTS_TABLE = `${RESULTS_SCHEMA}.statistics_shard_results`;
/** A result's bytes in chunks: one 80 MB bytea takes PGlite's socket server 25 s, ten 8 MB ones about 2 s. */
const CHUNKS_TABLE = `${RESULTS_SCHEMA}.statistics_shard_chunks`;
const CHUNK_BYTES = 8 * 2 ** 20;

/** What a shard job carries: everything a worker on another machine needs, by absolute path. */
export interface ShardJob {
  /** Identifies one statistics pass (its shards' results are merged together). */
  passKey: string;
  /** The coordinator run that enqueued it (failures of earlier runs of the same pass are history). */
  runId: string;
  shard: number;
  firstContext: number;
  endContext: number;
  activationFile: string;
  saeDir: string;
  seqLen: number;
  topK: number;
  /** Absent: the default budget (every shard of a pass gets the same). */
  coactivationBudgetBytes?: number;
  contextsPerBatch: number;
}

/** Starts pg-boss on `url` (creating its schema, the shard queue and the results table when missing). */
export async function openJobQueue(url: string, options: { onError?: (error: Error) => void } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'atlas' });
  boss.on('error', options.onError ?? ((error) => console.error(`atlas job queue: ${error.message}`)));
  try {
    await boss.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot start the job queue on ${redact(url)} (${reason}). Check the database URL (--database-url or DATABASE_URL) and that Postgres is up.`);
  }
  if (!(await boss.getQueue(SHARD_QUEUE))) await boss.createQueue(SHARD_QUEUE);
  await boss.getDb().executeSql(
    `CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA};
     CREATE TABLE IF NOT EXISTS ${CHUNKS_TABLE} (
       pass_key text NOT NULL, shard integer NOT NULL, chunk integer NOT NULL, bytes bytea NOT NULL,
       PRIMARY KEY (pass_key, shard, chunk));
     CREATE TABLE IF NOT EXISTS ${RESULTS_TABLE} (
       pass_key text NOT NULL, shard integer NOT NULL, chunks integer NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (pass_key, shard))`,
    [],
  );
  return boss;
}

/**
 * Stores a shard's encoded result: its chunks first, then the row that says how many there are,
 * so a worker killed midway leaves the shard unfinished (and its retry overwrites the chunks).
 */
export async function saveShardResult(boss: PgBoss, passKey: string, shard: number, state: Uint8Array): Promise<void> {
  const db = boss.getDb();
  const chunks = Math.max(1, Math.ceil(state.byteLength / CHUNK_BYTES));
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const bytes = state.subarray(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES);
    await db.executeSql(
      `INSERT INTO ${CHUNKS_TABLE} (pass_key, shard, chunk, bytes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (pass_key, shard, chunk) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [passKey, shard, chunk, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
    );
  }
  await db.executeSql(
    `INSERT INTO ${RESULTS_TABLE} (pass_key, shard, chunks) VALUES ($1, $2, $3)
     ON CONFLICT (pass_key, shard) DO UPDATE SET chunks = EXCLUDED.chunks, created_at = now()`,
    [passKey, shard, chunks],
  );
}

/** Shards of a pass whose results are stored. */
export async function finishedShards(boss: PgBoss, passKey: string): Promise<Set<number>> {
  const { rows } = await boss.getDb().executeSql(`SELECT shard FROM ${RESULTS_TABLE} WHERE pass_key = $1`, [passKey]);
  return new Set(rows.map((row: { shard: number }) => row.shard));
}

export async function loadShardResult(boss: PgBoss, passKey: string, shard: number): Promise<Uint8Array> {
  const db = boss.getDb();
  const { rows: [result] } = await db.executeSql(`SELECT chunks FROM ${RESULTS_TABLE} WHERE pass_key = $1 AND shard = $2`, [passKey, shard]);
  if (!result) throw new Error(`No stored result for shard ${shard} of statistics pass ${passKey}.`);
  const { rows } = await db.executeSql(
    `SELECT bytes FROM ${CHUNKS_TABLE} WHERE pass_key = $1 AND shard = $2 AND chunk < $3 ORDER BY chunk`, [passKey, shard, result.chunks],
  );
  if (rows.length !== result.chunks) {
    throw new Error(`Shard ${shard} of statistics pass ${passKey} has ${rows.length} of its ${result.chunks} result chunks.`);
  }
  return Buffer.concat(rows.map((row: { bytes: Buffer }) => row.bytes));
}

export async function deleteShardResults(boss: PgBoss, passKey: string): Promise<void> {
  await boss.getDb().executeSql(`DELETE FROM ${RESULTS_TABLE} WHERE pass_key = $1`, [passKey]);
  await boss.getDb().executeSql(`DELETE FROM ${CHUNKS_TABLE} WHERE pass_key = $1`, [passKey]);
}

/** Shard jobs of one coordinator run that failed for good (retries used up), with their last error. */
export async function failedShards(boss: PgBoss, runId: string): Promise<{ shard: number; error: string }[]> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT data->>'shard' AS shard, output FROM pgboss.job
     WHERE name = $1 AND state = 'failed' AND data->>'runId' = $2`,
    [SHARD_QUEUE, runId],
  );
  return rows.map((row: { shard: string; output: { message?: unknown } | null }) => ({
    shard: Number(row.shard),
    error: typeof row.output?.message === 'string' ? row.output.message : JSON.stringify(row.output),
  }));
}

/** Cancels a coordinator run's unfinished shard jobs (it gave up), so workers do not take them. */
export async function cancelRun(boss: PgBoss, runId: string): Promise<void> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT id FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2 AND state IN ('created', 'retry', 'active')`,
    [SHARD_QUEUE, runId],
  );
  if (rows.length > 0) await boss.cancel(SHARD_QUEUE, rows.map((row: { id: string }) => row.id));
}

/** Hides a password in a URL shown in messages. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
