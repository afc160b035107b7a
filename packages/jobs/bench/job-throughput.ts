// `npm run bench:jobs`: the runner's own overhead, on the embedded database served over its
// socket and, with DATABASE_URL, on Postgres: enqueue rate, end-to-end throughput of no-op jobs
// (record, pg-boss fetch, start, finish, complete), and binary results written and read back.
import { openDatabase, serveDatabase } from '@atlas/db';
import pg from 'pg';
import { z } from 'zod';
import { defineJobKind, openJobQueue } from '../src/index.ts';

const JOBS = 200;
const BYTES = 64 * 2 ** 20;

const noopJob = defineJobKind({ name: 'bench-noop', payload: z.object({ i: z.number() }), run: async ({ i }) => ({ i }) });
const bytesJob = defineJobKind({
  name: 'bench-bytes', payload: z.object({ size: z.number() }),
  run: async ({ size }, ctx) => {
    await ctx.saveBinaryResult('data', new Uint8Array(size).fill(7));
    return null;
  },
});

async function bench(name: string, url: string): Promise<void> {
  const queue = await openJobQueue(url, { log: () => {} }); // migrates a fresh database
  try {
    // A throwaway database: the bench kinds' queues are made here, not by a migration.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const kind of [noopJob, bytesJob]) await client.query(`select pgboss.create_queue($1, '{"policy":"standard"}')`, [kind.name]);
    await client.end();

    let started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i += 1) ids.push(await queue.enqueue(noopJob, { i }));
    const enqueueSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const workers = await queue.startWorkers({ kinds: [noopJob, bytesJob], concurrency: 4, pollIntervalSeconds: 0.1 });
    await queue.waitForJobs(ids, { pollIntervalSeconds: 0.05 });
    const runSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const [bytesId] = await queue.waitForJobs([await queue.enqueue(bytesJob, { size: BYTES })], { pollIntervalSeconds: 0.05 });
    const saveSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await queue.loadBinaryResult(bytesId!.id, 'data');
    const loadSeconds = (performance.now() - started) / 1000;
    await workers.stop();
    console.log(`${name}: enqueue ${(JOBS / enqueueSeconds).toFixed(0)} jobs/s; ${JOBS} no-op jobs run in ${runSeconds.toFixed(1)} s ` +
      `(${(JOBS / runSeconds).toFixed(0)} jobs/s, concurrency 4); a ${BYTES / 2 ** 20} MiB binary result: job ${saveSeconds.toFixed(1)} s, read ${loadSeconds.toFixed(1)} s`);
  } finally {
    await queue.close();
  }
}

const db = await openDatabase({ inMemory: true });
const served = await serveDatabase(db);
try {
  await bench('PGlite over its socket', served.url);
} finally {
  await served.close();
  await db.close();
}
if (process.env.DATABASE_URL) await bench('Postgres (DATABASE_URL)', process.env.DATABASE_URL);
