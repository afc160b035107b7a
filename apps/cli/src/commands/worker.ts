import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';

/**
 * `atlas worker`: takes statistics shards from the job queue until stopped (Ctrl-C / SIGTERM
 * finishes the shards in progress first). Run any number, on any machine that sees the same
 * activation and SAE files at the same paths.
 */
export const workerCommand = defineCommand({
  name: 'worker',
  description: 'Take statistics shards of atlas builds from the job queue (pg-boss) until stopped; run any number, anywhere.',
  flags: {
    databaseUrl: flags.url({
      help: 'Postgres holding the queue (the atlas database)',
      protocols: ['postgres:', 'postgresql:'],
      example: 'postgres://atlas:atlas@localhost:5432/atlas',
      required: 'the Postgres the build coordinator queues shards on',
    }).env('DATABASE_URL'),
    concurrency: flags.positiveInt({ help: 'shards processed at once', default: 1 }),
  },
  async run(options) {
    const { openJobQueue, redact, startShardWorkers } = await import('@atlas/pipeline');
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
  },
});
