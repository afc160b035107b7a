import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '@atlas/corpus';
import { openDatabase, serveDatabase, type AtlasDb, type ServedDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { mulberry32 } from '@atlas/random';
import { saveSaeLens, type SaeWeights } from '@atlas/sae';
import { createTestDatabase } from '@atlas/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentProgress } from '../src/progress.ts';
import { openJobQueue } from '@atlas/jobs';
import { computeShardedStatistics, type ShardedStatisticsOptions } from '../src/scale-out/coordinator.ts';
import { shardKey } from '../src/scale-out/shard-jobs.ts';
import { planShards } from '../src/scale-out/shard-plan.ts';
import { statisticsShardJob } from '../src/scale-out/statistics-shard-job.ts';
import { computeStatistics } from '../src/steps/compute-statistics.ts';
import { extractActivations, type ExtractedActivations } from '../src/steps/extract-activations.ts';
import type { FeatureStatistics } from '@atlas/features';

// The worker is the real `atlas worker` command of the CLI app.
const atlasBin = fileURLToPath(new URL('../../../apps/cli/bin/atlas.mjs', import.meta.url));
const width = 512;
const k = 8;
const contextsPerBatch = 8;

/** A random TopK SAE: enough for exactness (every code is real ONNX output), no training time. */
function randomSae(dIn: number): SaeWeights {
  const random = mulberry32(5);
  const normal = () => (random() - 0.5) * 0.2;
  return {
    cfg: {
      architecture: 'topk', dIn, width, k, hookName: 'blocks.2.hook_resid_post', modelId: 'demo-lm',
      dtype: 'float32', normalizeActivations: 'none',
    },
    W_enc: Float32Array.from({ length: dIn * width }, normal),
    b_enc: new Float32Array(width),
    W_dec: Float32Array.from({ length: width * dIn }, normal),
    b_dec: new Float32Array(dIn),
  };
}

describe('sharded statistics as jobs of the runner', () => {
  let dir: string;
  let db: AtlasDb;
  let served: ServedDatabase;
  let extracted: ExtractedActivations;
  let sae: SaeWeights;
  let saeDir: string;
  let single: FeatureStatistics[];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-shards-'));
    const model = await loadLanguageModel(demoModelDir);
    const { documents } = await loadCorpus('moby-dick');
    extracted = await extractActivations({
      model, hook: 'blocks.2.hook_resid_post', documents, tokens: 100 * 32, seqLen: 32, batchSize: 16,
      progress: silentProgress, file: path.join(dir, 'activations.safetensors'),
      provenance: { model: 'demo-lm', hook: 'blocks.2.hook_resid_post', corpus: 'moby-dick' },
    });
    sae = randomSae(extracted.dIn);
    saeDir = path.join(dir, 'sae');
    await saveSaeLens(saeDir, sae);
    single = await computeStatistics({ sae, extracted, topK: 6, progress: silentProgress, contextsPerBatch });
    db = await openDatabase({ inMemory: true });
    served = await serveDatabase(db);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await served?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const options = (overrides: Partial<ShardedStatisticsOptions>): ShardedStatisticsOptions => ({
    queueUrl: served.url, passKey: 'test-pass', activationFile: extracted.file, saeDir,
    contextCount: extracted.contexts.length, seqLen: extracted.seqLen, topK: 6, contextsPerBatch,
    shards: 3, localWorkers: 1, shardTimeoutSeconds: 900, progress: silentProgress, log: () => {},
    ...overrides,
  });

  it('4 shards through the queue and 2 concurrent in-process workers equal one pass exactly', async () => {
    expect(single.some((feature) => feature.firingCount > 0)).toBe(true);
    const sharded = await computeShardedStatistics(options({ passKey: 'in-process', shards: 4, localWorkers: 2 }));
    // Bit for bit, co-activation partners included (exact pair counts merge exactly).
    expect(sharded).toEqual(single);
  });

  it('a restarted coordinator reuses shards finished before (and the result is still exact)', async () => {
    // An earlier run finished shard 0 (a job of the same pass, same cut) and died.
    const [first] = planShards(extracted.contexts.length, contextsPerBatch, 3);
    const passKey = `resumed:3x${contextsPerBatch}`;
    const queue = await openJobQueue(served.url, { log: () => {} });
    try {
      const id = await queue.enqueue(statisticsShardJob, {
        passKey, shard: 0, ...first!, activationFile: extracted.file, saeDir, seqLen: extracted.seqLen, topK: 6, contextsPerBatch,
      }, { singletonKey: shardKey(passKey, 0) });
      const workers = await queue.startWorkers({ kinds: [statisticsShardJob] });
      expect((await queue.waitForJobs([id]))[0]!.state).toBe('succeeded');
      await workers.stop();
    } finally {
      await queue.close();
    }
    const lines: string[] = [];
    const sharded = await computeShardedStatistics(options({ passKey: 'resumed', log: (line) => lines.push(line) }));
    expect(lines).toContain('Reusing 1 of 3 statistics shards finished earlier.');
    expect(sharded).toEqual(single);
  });

  it('a shard that keeps failing stops the pass with its error', async () => {
    const missing = path.join(dir, 'no-such-sae');
    await expect(computeShardedStatistics(options({ passKey: 'broken', saeDir: missing, retryLimit: 0 })))
      .rejects.toThrow(/Statistics shard \d+ failed after 1 of 1 attempts: .*no-such-sae/);
  });

  // The run's real Postgres, where it has one: the coordinator migrates a fresh database, a worker process joins.
  it.runIf(inject('postgresUrl'))('on a real Postgres: an in-process worker and a worker process, exact', async () => {
    const database = await createTestDatabase(inject('postgresUrl')!);
    const child = spawn(process.execPath, [atlasBin, 'worker', '--database-url', database.url], { stdio: 'ignore' });
    children.push(child);
    try {
      const sharded = await computeShardedStatistics(options({ queueUrl: database.url, passKey: 'postgres', shards: 4 }));
      expect(sharded).toEqual(single);
    } finally {
      child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('with pair counts over the co-activation budget: no partners, every shard alike, the rest unchanged', async () => {
    // 512 features: 130,816 pairs, 262 KB even as 16-bit counts.
    const budget = { coactivationBudgetBytes: 100_000 };
    const alone = await computeStatistics({ sae, extracted, topK: 6, progress: silentProgress, contextsPerBatch, ...budget });
    expect(alone.every((feature) => feature.coactivating.length === 0)).toBe(true);
    expect(single.some((feature) => feature.coactivating.length > 0)).toBe(true);
    expect(alone.map(({ coactivating: _, ...rest }) => rest)).toEqual(single.map(({ coactivating: _, ...rest }) => rest));
    const sharded = await computeShardedStatistics(options({ passKey: 'no-coactivation', shards: 3, ...budget }));
    expect(sharded).toEqual(alone);
  });

  it('2 worker processes, one killed mid-shard: the shard is retried and the result is still exact', async () => {
    const lines: string[] = [];
    let killed: number | undefined;
    const start = (name: string) => {
      const child = spawn(process.execPath, [atlasBin, 'worker', '--database-url', served.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        for (const line of text.split('\n').filter(Boolean)) {
          lines.push(`${name}: ${line}`);
          // The first worker dies as soon as it has taken a shard, before it can store a result; only then
          // does the survivor start (started together, a survivor ready first took every shard on a busy machine).
          const started = /shard (\d+) started/.exec(line);
          if (name === 'doomed' && killed === undefined && started) {
            killed = Number(started[1]);
            child.kill('SIGKILL');
            start('survivor');
          }
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (text: string) => lines.push(`${name} (stderr): ${text}`));
    };
    start('doomed');
    // The timeout is how long a dead worker's shard waits before its retry (and a live one's time limit).
    const sharded = await computeShardedStatistics(options({ passKey: 'two-workers', shards: 5, localWorkers: 0, shardTimeoutSeconds: 10 }));
    expect(killed, lines.join('\n')).toBeDefined();
    expect(sharded).toEqual(single);
    // The killed worker's shard was finished by the survivor in a second attempt.
    expect(lines.some((line) => line.startsWith('survivor') && line.includes(`shard ${killed} done`)), lines.join('\n')).toBe(true);
    const queue = await openJobQueue(served.url);
    try {
      const jobs = await queue.listJobs({ singletonKeys: [shardKey(`two-workers:5x${contextsPerBatch}`, killed!)] });
      expect(jobs.map((job) => [job.state, job.attempts]), lines.join('\n')).toEqual([['succeeded', 2]]);
    } finally {
      await queue.close();
    }
  });
});
