import { loadSae, type SaeWeights } from '@atlas/sae';
import type PgBoss from 'pg-boss';
import { accumulateContexts } from '../steps/compute-statistics.ts';
import { saveShardResult, SHARD_QUEUE, type ShardJob } from './job-queue.ts';
import { encodeShardState } from './shard-codec.ts';

export interface ShardWorkerOptions {
  /** Shards processed at once in this process (each encodes with one onnxruntime thread when > 1). */
  concurrency: number;
  log: (line: string) => void;
}

/**
 * Pulls statistics shards from the queue, computes each one's partial statistics, stores them in
 * the results table and completes the job. A worker killed mid-shard leaves its job active until
 * the job's expiry; pg-boss then retries it elsewhere, and the retried shard gives the same bytes.
 * Returns a function that stops this process's workers (waiting for shards in progress).
 */
export async function startShardWorkers(boss: PgBoss, options: ShardWorkerOptions): Promise<() => Promise<void>> {
  const saes = new Map<string, Promise<SaeWeights>>();
  const threads = options.concurrency > 1 ? 1 : undefined;
  const handle = async ([job]: PgBoss.Job<ShardJob>[]) => {
    const data = job!.data;
    const started = performance.now();
    options.log(`shard ${data.shard} started: contexts [${data.firstContext}, ${data.endContext}) of ${data.activationFile}`);
    if (!saes.has(data.saeDir)) saes.set(data.saeDir, loadSae(data.saeDir));
    const sae = await saes.get(data.saeDir)!;
    const accumulator = await accumulateContexts(
      {
        sae, activationFile: data.activationFile, seqLen: data.seqLen, topK: data.topK,
        ...(data.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: data.coactivationBudgetBytes }),
        contextsPerBatch: data.contextsPerBatch, ...(threads === undefined ? {} : { threads }),
      },
      { firstContext: data.firstContext, endContext: data.endContext },
    );
    const bytes = encodeShardState(accumulator.toState());
    await saveShardResult(boss, data.passKey, data.shard, bytes);
    const seconds = (performance.now() - started) / 1000;
    options.log(`shard ${data.shard} done in ${seconds.toFixed(1)} s (${(bytes.byteLength / 1e6).toFixed(1)} MB result)`);
  };
  const ids: string[] = [];
  // pg-boss runs one job at a time per work() loop, so concurrency is that many loops.
  for (let i = 0; i < options.concurrency; i += 1) {
    ids.push(await boss.work<ShardJob>(SHARD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, handle));
  }
  return async () => {
    for (const id of ids) await boss.offWork({ id });
  };
}
