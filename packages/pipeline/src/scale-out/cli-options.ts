import { Option, type Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../options.ts';
import type { ScaleOutOptions } from './statistics-stage.ts';

/** The build flags that split the statistics pass into shard jobs (see docs/scaling.md). */
export function addScaleOutOptions(command: Command): Command {
  return command
    .option('--shards <n>', 'split the statistics pass into n shard jobs on the job queue in the atlas database (1: one pass in this process)', '1')
    .option('--local-workers <n>', 'with --shards: shard workers inside this process (0: leave every shard to `atlas worker` processes)', '1')
    .option('--queue-port <n>', 'with --shards and the embedded database: the local port it is served on for `atlas worker` (default: a free port, printed)')
    .addOption(new Option('--queue-url <url>', 'with --shards and Postgres: the queue database (default DATABASE_URL)').env('DATABASE_URL'));
}

const scaleOutSchema = z.object({
  shards: z.coerce.number().int('--shards must be a whole number').positive('--shards must be at least 1').default(1),
  localWorkers: z.coerce.number().int('--local-workers must be a whole number').min(0, '--local-workers must be 0 or more').default(1),
  queuePort: z.coerce.number().int('--queue-port must be a whole number').min(0).max(65_535, '--queue-port must be a TCP port').optional(),
  // An empty DATABASE_URL means "not set", as everywhere else.
  queueUrl: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().regex(/^postgres(ql)?:\/\//, '--queue-url (DATABASE_URL) must be a postgres:// URL').optional(),
  ),
});

/** The scale-out part of a build's options; undefined for the default single in-process pass. */
export function scaleOutFromOptions(raw: Record<string, unknown>): ScaleOutOptions | undefined {
  const { shards, localWorkers, queuePort, queueUrl } = parseOptions(scaleOutSchema, raw);
  if (shards <= 1) return undefined;
  return { shards, localWorkers, ...(queuePort === undefined ? {} : { queuePort }), ...(queueUrl === undefined ? {} : { queueUrl }) };
}
