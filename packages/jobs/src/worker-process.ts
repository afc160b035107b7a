import type { AnyJobKind } from './define-job-kind.ts';
import { redact } from './job-errors.ts';
import { openJobQueue } from './job-queue.ts';

export interface WorkerProcessOptions {
  /** The atlas database (Postgres, or an embedded database served by `serveDatabase`). */
  url: string;
  kinds: readonly AnyJobKind[];
  concurrency: number;
  log: (line: string) => void;
}

/**
 * A worker process (`atlas worker`): runs jobs of every kind given until SIGINT or SIGTERM,
 * then finishes the jobs in progress; a second signal aborts them (they are retried elsewhere).
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const { log } = options;
  const queue = await openJobQueue(options.url, { log });
  try {
    const workers = await queue.startWorkers({ kinds: options.kinds, concurrency: options.concurrency, log });
    log(`running ${options.kinds.map((kind) => kind.name).join(', ')} jobs from ${redact(options.url)} (concurrency ${options.concurrency})`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log('stopping after the jobs in progress (signal again to abort them; they will be retried)');
    const abort = () => void workers.stop({ abort: true });
    process.once('SIGINT', abort);
    process.once('SIGTERM', abort);
    await workers.stop();
  } finally {
    await queue.close();
  }
}
