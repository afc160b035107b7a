import { defineJobKind } from '@atlas/jobs';
import { loadSae, type SaeWeights } from '@atlas/sae';
import { z } from 'zod';
import { accumulateContexts } from '../steps/compute-statistics.ts';
import { encodeShardState } from './shard-codec.ts';

/** The name of a shard's binary result: its partial statistics, encoded by `encodeShardState`. */
export const SHARD_STATE = 'state';

/** What a shard job carries: everything a worker on another machine needs, by absolute path. */
const shardPayload = z.object({
  /** Identifies one statistics pass (its shards' results are merged together). */
  passKey: z.string(),
  shard: z.number().int().min(0),
  firstContext: z.number().int().min(0),
  endContext: z.number().int().min(0),
  activationFile: z.string(),
  saeDir: z.string(),
  seqLen: z.number().int().positive(),
  topK: z.number().int().positive(),
  /** Absent: the default budget (every shard of a pass gets the same). */
  coactivationBudgetBytes: z.number().int().min(0).optional(),
  contextsPerBatch: z.number().int().positive(),
});

export type ShardPayload = z.infer<typeof shardPayload>;

/** The last SAE loaded: every shard of a pass shares it, so a worker loads it once per pass. */
let cached: { dir: string; sae: Promise<SaeWeights> } | undefined;

function loadSaeOnce(dir: string): Promise<SaeWeights> {
  if (cached?.dir !== dir) {
    const sae = loadSae(dir);
    cached = { dir, sae };
    sae.catch(() => {
      if (cached?.sae === sae) cached = undefined;
    });
  }
  return cached.sae;
}

/**
 * One shard of the statistics pass: encodes its context range with the SAE, streams the codes
 * into a fresh accumulator and stores the accumulator's state as the job's binary result. A
 * retried shard gives the same bytes, so a worker killed midway costs only time.
 */
export const statisticsShardJob = defineJobKind({
  name: 'statistics-shard',
  payload: shardPayload,
  defaults: { retryLimit: 3, expireInSeconds: 900 },
  run: async (shard, ctx) => {
    const started = performance.now();
    ctx.log(`shard ${shard.shard} started: contexts [${shard.firstContext}, ${shard.endContext}) of ${shard.activationFile}`);
    const tokens = (shard.endContext - shard.firstContext) * shard.seqLen;
    const accumulator = await accumulateContexts(
      {
        sae: await loadSaeOnce(shard.saeDir), activationFile: shard.activationFile, seqLen: shard.seqLen, topK: shard.topK,
        ...(shard.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: shard.coactivationBudgetBytes }),
        contextsPerBatch: shard.contextsPerBatch,
        // Several shards at once share the cores: one onnxruntime thread each.
        ...(ctx.concurrency > 1 ? { threads: 1 } : {}),
        onTokens: (done) => ctx.progress(done, tokens, 'tok'),
        signal: ctx.signal,
      },
      { firstContext: shard.firstContext, endContext: shard.endContext },
    );
    const bytes = encodeShardState(accumulator.toState());
    await ctx.saveBinaryResult(SHARD_STATE, bytes);
    const seconds = (performance.now() - started) / 1000;
    ctx.log(`shard ${shard.shard} done in ${seconds.toFixed(1)} s (${(bytes.byteLength / 1e6).toFixed(1)} MB result)`);
    return { shard: shard.shard, resultBytes: bytes.byteLength };
  },
});
