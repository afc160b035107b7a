import PgBoss from 'pg-boss';

/** The queue statistics shards travel on. */
export const SHARD_QUEUE = 'atlas-statistics-shard';
/** Partial results live beside pg-boss's own schema, created from code as pg-boss creates its own. */
const RESULTS_SCHEMA = 'atlas_jobs';
const RESULTS_TABLE = `${RESULTS_SCHEMA}.statistics_shards`;

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
     CREATE TABLE IF NOT EXISTS ${RESULTS_TABLE} (
       pass_key text NOT NULL, shard integer NOT NULL, state bytea NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (pass_key, shard))`,
    [],
  );
  return boss;
}

/** Stores a shard's encoded result; a retried shard overwrites its earlier result (the same bytes). */
export async function saveShardResult(boss: PgBoss, passKey: string, shard: number, state: Uint8Array): Promise<void> {
  await boss.getDb().executeSql(
    `INSERT INTO ${RESULTS_TABLE} (pass_key, shard, state) VALUES ($1, $2, $3)
     ON CONFLICT (pass_key, shard) DO UPDATE SET state = EXCLUDED.state, created_at = now()`,
    [passKey, shard, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
  );
}

/** Shards of a pass whose results are stored. */
export async function finishedShards(boss: PgBoss, passKey: string): Promise<Set<number>> {
  const { rows } = await boss.getDb().executeSql(`SELECT shard FROM ${RESULTS_TABLE} WHERE pass_key = $1`, [passKey]);
  return new Set(rows.map((row: { shard: number }) => row.shard));
}

export async function loadShardResult(boss: PgBoss, passKey: string, shard: number): Promise<Uint8Array> {
  const { rows } = await boss.getDb().executeSql(`SELECT state FROM ${RESULTS_TABLE} WHERE pass_key = $1 AND shard = $2`, [passKey, shard]);
  if (rows.length === 0) throw new Error(`No stored result for shard ${shard} of statistics pass ${passKey}.`);
  return rows[0].state as Uint8Array;
}

export async function deleteShardResults(boss: PgBoss, passKey: string): Promise<void> {
  await boss.getDb().executeSql(`DELETE FROM ${RESULTS_TABLE} WHERE pass_key = $1`, [passKey]);
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
