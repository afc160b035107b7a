import { runWorkerProcess } from '@atlas/jobs';
import { z } from 'zod';
import { atlasJobKinds } from '../job-kinds.ts';
import { parseOptions } from '../options.ts';

const workerOptions = z.object({
  databaseUrl: z
    .string({ error: '--database-url URL (or DATABASE_URL) is required: the atlas database the jobs are queued in' })
    .regex(/^postgres(ql)?:\/\//, '--database-url must be a postgres:// URL'),
  concurrency: z.coerce.number().int('--concurrency must be a whole number').positive('--concurrency must be at least 1').default(1),
});

/**
 * `atlas worker`: runs jobs of every atlas job kind (statistics shards, …) from the job queue
 * until stopped (Ctrl-C / SIGTERM finishes the jobs in progress first). Run any number, on any
 * machine that sees the same activation and SAE files at the same paths.
 */
export async function runWorker(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(workerOptions, raw);
  const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
  await runWorkerProcess({ url: options.databaseUrl, kinds: atlasJobKinds, concurrency: options.concurrency, log });
}
