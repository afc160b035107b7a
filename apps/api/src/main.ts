import { nameStatements, openDatabase, type AtlasDb } from '@atlas/db';
import { loadEnv } from './env.ts';
import { consoleLogger as log } from './logger.ts';
import { SearchService } from './domains/search/search-service.ts';
import { createApiServer, type ApiServer } from './server.ts';

/** `npm start`: the API over the database `@atlas/db` opens by default, on PORT. */
async function start(): Promise<{ db: AtlasDb; server: ApiServer; search: SearchService }> {
  const env = loadEnv();
  const db = await openDatabase();
  if (env.DATABASE_URL && env.DATABASE_NAMED_STATEMENTS === 'on') nameStatements(db);
  try {
    const search = new SearchService();
    const server = await createApiServer({
      db, search, port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY,
      limits: { timeoutMs: env.REQUEST_TIMEOUT_MS },
      jobs: { workers: env.API_JOB_WORKERS, maxActiveJobs: env.API_MAX_ACTIVE_JOBS, startNow: true, ...(env.DATABASE_URL ? { queueUrl: env.DATABASE_URL } : {}) },
      rateLimits: {
        anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS, keyPerMinute: env.RATE_LIMIT_KEY,
        steerAnonymousPerMinute: env.RATE_LIMIT_STEER_ANONYMOUS, steerKeyPerMinute: env.RATE_LIMIT_STEER_KEY,
        exempt: env.RATE_LIMIT_EXEMPT,
      },
    });
    log.info(`Feature Atlas API at ${server.url} (open it in a browser for GraphiQL)`);
    const exempt = env.RATE_LIMIT_EXEMPT.length > 0 ? ` (not for ${env.RATE_LIMIT_EXEMPT.join(', ')})` : '';
    const local = ['127.0.0.1', 'localhost', '::1'].includes(env.HOST) ? '; HOST=0.0.0.0 exposes the API beyond this machine' : '';
    log.info(`Rate limits: ${env.RATE_LIMIT_ANONYMOUS} requests/min per address without an API key${exempt}, ${env.RATE_LIMIT_KEY} per key${local}.`);
    return { db, server, search };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * SIGINT / SIGTERM stop the server, then close the database. The handlers are installed before
 * anything opens: a signal while starting is kept and acted on once the database is open, so a
 * supervisor stopping a server that is still starting never skips the close. A second signal exits
 * at once.
 */
let running: { db: AtlasDb; server: ApiServer } | undefined;
let stopping: NodeJS.Signals | undefined;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  log.info(`${signal}: finishing in-flight requests, then closing the database.`);
  await running!.server.stop();
  await running!.db.close();
}
function stopOn(signal: NodeJS.Signals): void {
  if (stopping) {
    log.warn(`${signal} again: exiting without waiting.`);
    process.exit(1);
  }
  stopping = signal;
  if (!running) return; // still starting: acted on when start() returns
  shutdown(signal).then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('Shutdown failed:', error);
      process.exit(1);
    },
  );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopOn(signal));

try {
  const { search, ...started } = await start();
  running = started;
  if (stopping) {
    const signal = stopping;
    stopping = undefined;
    stopOn(signal);
  } else {
    // The embedder (ATLAS_EMBEDDER_DIR's ONNX folder, else the word vectors) and WordNet load now (a few seconds), not in the first search request.
    await search.warm();
    log.info(`Search engine loaded (embedder ${(await search.engine()).embedderId}, WordNet expansion).`);
  }
} catch (error) {
  log.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
