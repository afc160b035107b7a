import PgBoss from 'pg-boss';
import { JobError, redact } from './job-errors.ts';

/**
 * pg-boss on the atlas database, with `migrate: false`: its schema comes from db/migrations
 * (the caller opened the database first, which applies them), so pg-boss runs no DDL. Cron
 * scheduling is off (it would create a queue of its own at run time); maintenance (archiving
 * finished jobs) stays on.
 */
export async function startBoss(url: string, log: (line: string) => void): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'atlas-jobs', migrate: false, schedule: false });
  boss.on('error', (error) => log(`job queue: ${error.message}`));
  try {
    await boss.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /not installed|requires migrations/.test(reason)
      ? "its pgboss schema is missing or from another pg-boss version: this version's migrations (db/migrations) make it"
      : 'check the URL and that Postgres is up';
    throw new JobError(`Cannot start the job queue on ${redact(url)} (${reason}): ${hint}.`, { code: 'DATABASE_UNAVAILABLE', cause: error });
  }
  return boss;
}

/** The error for a kind whose pg-boss queue no migration made. */
export function missingQueueError(kind: string): JobError {
  return new JobError(
    `The database has no job queue for kind "${kind}". Queues come from migrations: add one with ` +
      `SELECT pgboss.create_queue('${kind}', '{"policy":"standard"}'); (see packages/jobs/README.md), or apply this version's migrations.`,
    { code: 'DATABASE_UNAVAILABLE' },
  );
}

/** Throws missingQueueError unless every named queue exists. */
export async function assertQueues(boss: PgBoss, kinds: readonly string[]): Promise<void> {
  for (const kind of kinds) {
    if (!(await boss.getQueue(kind))) throw missingQueueError(kind);
  }
}
