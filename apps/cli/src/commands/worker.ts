import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';

/**
 * `atlas worker`: runs jobs of every atlas job kind (statistics shards, …) from the job queue
 * until stopped (Ctrl-C / SIGTERM finishes the jobs in progress first). Run any number, on any
 * machine that sees the same activation and SAE files at the same paths.
 */
export const workerCommand = defineCommand({
  name: 'worker',
  description: 'Run atlas jobs (statistics shards of builds, …) from the job queue until stopped; run any number, anywhere.',
  flags: {
    databaseUrl: flags.url({
      help: 'Postgres holding the queue (the atlas database)',
      protocols: ['postgres:', 'postgresql:'],
      example: 'postgres://atlas:atlas@localhost:5432/atlas',
      required: 'the atlas database the jobs are queued in',
    }).env('DATABASE_URL'),
    concurrency: flags.positiveInt({ help: 'jobs processed at once', default: 1 }),
  },
  async run(options) {
    const [{ runWorkerProcess }, { atlasJobKinds }] = await Promise.all([import('@atlas/jobs'), import('@atlas/pipeline')]);
    const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
    await runWorkerProcess({ url: options.databaseUrl, kinds: atlasJobKinds, concurrency: options.concurrency, log });
  },
});
