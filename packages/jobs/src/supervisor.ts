import { setTimeout as sleep } from 'node:timers/promises';
import { reconcileJobsWithQueue, type AtlasDb } from '@atlas/db';
import type PgBoss from 'pg-boss';

/**
 * Every interval: pg-boss expires attempts active past their expiry (their worker died or hung:
 * they go back to the queue, or fail when no retries are left), then job records follow what
 * pg-boss did on its own. Every open queue runs it, so a job whose worker vanished moves on as
 * long as any atlas process is connected. Returns a function that stops it.
 */
export function startSupervisor(db: AtlasDb, boss: PgBoss, intervalSeconds: number, log: (line: string) => void): () => Promise<void> {
  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await sleep(intervalSeconds * 1000, undefined, { signal: stopping.signal });
        await boss.expire();
        await reconcileJobsWithQueue(db);
      } catch (error) {
        if (!stopping.signal.aborted) log(`job supervision: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return async () => {
    stopping.abort();
    await loop;
  };
}
