import path from 'node:path';
import { sharedDatabaseUrl, type AtlasDb } from '@atlas/db';
import type { FeatureStatistics } from '@atlas/features';
import type { SaeWeights } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';
import { computeStatistics, contextsPerBatchFor } from '../steps/compute-statistics.ts';
import type { ExtractedActivations } from '../steps/extract-activations.ts';
import { computeShardedStatistics } from './coordinator.ts';

/** How the statistics pass is split; absent or `shards: 1` runs it in this process without a queue. */
export interface ScaleOutOptions {
  shards: number;
  /** Workers inside the build process (default 1; 0 leaves every shard to `atlas worker`s). */
  localWorkers?: number;
  /** The atlas database's URL for the job queue; required when it is Postgres (pass DATABASE_URL). */
  queueUrl?: string;
  /** With the embedded database: the port it is served on for workers (default: a free port, logged). */
  queuePort?: number;
  /** Seconds before a taken shard is presumed lost and retried (default 900). */
  shardTimeoutSeconds?: number;
}

export interface StatisticsStageOptions {
  db: AtlasDb;
  sae: SaeWeights;
  /** The SAE's folder, which workers load (absolute, on storage every worker sees). */
  saeDir: string;
  extracted: ExtractedActivations;
  topK: number;
  /** Memory for exact co-activation pair counts (default 256 MiB; see @atlas/features' CoactivationCounter). */
  coactivationBudgetBytes?: number;
  passKey: string;
  scaleOut?: ScaleOutOptions;
  progress: ProgressFactory;
  log: (line: string) => void;
}

/**
 * The statistics stage: one in-process streaming pass, or the same work as `statistics-shard`
 * jobs of the job runner in the atlas database (embedded PGlite is served over a local socket so
 * worker processes can join). Both give identical statistics.
 */
export async function statisticsStage(options: StatisticsStageOptions): Promise<FeatureStatistics[]> {
  const { db, extracted, scaleOut, log } = options;
  const coactivation = options.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: options.coactivationBudgetBytes };
  if (!scaleOut || scaleOut.shards <= 1) {
    return computeStatistics({ sae: options.sae, extracted, topK: options.topK, ...coactivation, progress: options.progress });
  }
  const served = await sharedDatabaseUrl(db, { url: scaleOut.queueUrl, port: scaleOut.queuePort, purpose: 'A sharded statistics pass' });
  const queueUrl = served.url;
  if (!scaleOut.queueUrl) log(`Job queue served at ${served.url}; more workers: atlas worker --database-url ${served.url}`);
  try {
    return await computeShardedStatistics({
      queueUrl,
      passKey: options.passKey,
      activationFile: path.resolve(extracted.file),
      saeDir: path.resolve(options.saeDir),
      contextCount: extracted.contexts.length,
      seqLen: extracted.seqLen,
      topK: options.topK,
      ...coactivation,
      contextsPerBatch: contextsPerBatchFor(extracted.seqLen, options.sae.cfg.width),
      shards: scaleOut.shards,
      localWorkers: scaleOut.localWorkers ?? 1,
      shardTimeoutSeconds: scaleOut.shardTimeoutSeconds ?? 900,
      progress: options.progress,
      log,
    });
  } finally {
    await served.close();
  }
}
