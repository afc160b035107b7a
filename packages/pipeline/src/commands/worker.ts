import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { openJobQueue, redact } from '../scale-out/job-queue.ts';
import { startShardWorkers } from '../scale-out/shard-worker.ts';

const workerOptions = z.object({
  databaseUrl: z
    .string({ error: '--database-url URL (or DATABASE_URL) is required: the Postgres the build coordinator queues shards on' })
    .regex(/^postgres(ql)?:\/\//, '--database-url must be a postgres:// URL'),
  concurrency: z.coerce.number().int('--concurrency must be a whole number').positive('--concurrency must be at least 1').default(1),
});

/**
 * `atlas worker`: takes statistics shards from the job queue until stopped (Ctrl-C / SIGTERM
 * finishes the shards in progress first). Run any number, on any machine that sees the same
 * activation and SAE files at the same paths.
 */
export async function runWorker(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(workerOptions, raw);
  const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
  const boss = await openJobQueue(options.databaseUrl, { onError: (error) => log(`job queue: ${error.message}`) });
  const stopWorkers = await startShardWorkers(boss, { concurrency: options.concurrency, log });
  log(`waiting for statistics shards on ${redact(options.databaseUrl)} (concurrency ${options.concurrency})`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping after the shards in progress');
  await stopWorkers();
  await boss.stop({ graceful: true, wait: true, close: true });
}
