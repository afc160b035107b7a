import { FeatureStatsAccumulator, type FeatureStatistics } from '@atlas/features';
import { openActivationSource } from '@atlas/activations';
import { createEncoder, type SaeWeights } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';
import type { ExtractedActivations } from './extract-activations.ts';

/** A run of whole contexts [firstContext, endContext) of an activation file: the unit of statistics work. */
export interface ContextRange {
  firstContext: number;
  endContext: number;
}

export interface StatisticsPassOptions {
  sae: SaeWeights;
  /** Activation file with rows [contexts · seqLen, dIn] (see ExtractedActivations.file). */
  activationFile: string;
  seqLen: number;
  topK: number;
  /** Memory for exact co-activation pair counts (default: @atlas/features' 256 MiB; past it pairs are not counted). */
  coactivationBudgetBytes?: number;
  /** Contexts encoded per onnxruntime call; batches start at multiples of it, whatever the range. */
  contextsPerBatch: number;
  /** onnxruntime threads (default: its own choice); workers running several shards at once pass 1. */
  threads?: number;
  /** Called with the tokens done so far in this range. */
  onTokens?: (tokens: number) => void;
  /** Stops the pass between batches (a cancelled or expired shard job) by throwing its reason. */
  signal?: AbortSignal;
}

/**
 * Contexts per encoder call: about 4096 tokens, the size the encoder graph runs fastest at, but
 * no more than 2^24 pre-activations (64 MiB of float32) per call, so onnxruntime's dense
 * [rows, width] intermediate stays small for wide SAEs (1,024 tokens at width 16k).
 */
export const contextsPerBatchFor = (seqLen: number, width: number) =>
  Math.max(1, Math.floor(Math.min(4096, 2 ** 24 / width) / seqLen));

/** The options every shard of one pass must share, or their accumulators would not merge. */
export const statisticsOptions = (topK: number, coactivationBudgetBytes?: number) => ({
  topK, ...(coactivationBudgetBytes === undefined ? {} : { coactivation: { memoryBudgetBytes: coactivationBudgetBytes } }),
});

/**
 * Encodes the contexts of `range` with the SAE (sparse extraction inside the graph) and streams
 * the codes into a fresh accumulator, reading the activation rows from disk a batch at a time
 * (the next batch is read while this one is encoded). Memory: two batches of rows plus the
 * accumulator, never the whole file. Batches are aligned to absolute context indices, so a
 * range encodes exactly as it would inside one pass over the file.
 */
export async function accumulateContexts(options: StatisticsPassOptions, range: ContextRange): Promise<FeatureStatsAccumulator> {
  const { sae, seqLen, contextsPerBatch } = options;
  const accumulator = new FeatureStatsAccumulator(sae.cfg.width, statisticsOptions(options.topK, options.coactivationBudgetBytes));
  const source = await openActivationSource(options.activationFile);
  const encoder = await createEncoder(sae, {
    batchSize: contextsPerBatch * seqLen, ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  const buffers = [0, 1].map(() => new Float32Array(contextsPerBatch * seqLen * source.dIn));
  const batches: { first: number; count: number }[] = [];
  for (let first = range.firstContext; first < range.endContext; ) {
    const end = Math.min(range.endContext, (Math.floor(first / contextsPerBatch) + 1) * contextsPerBatch);
    batches.push({ first, count: end - first });
    first = end;
  }
  const read = (index: number) => {
    const { first, count } = batches[index]!;
    const out = buffers[index % 2]!.subarray(0, count * seqLen * source.dIn);
    return source.read(first * seqLen, count * seqLen, out).then(() => out);
  };
  try {
    let pending = batches.length > 0 ? read(0) : undefined;
    for (let index = 0; index < batches.length; index += 1) {
      options.signal?.throwIfAborted();
      const x = await pending!;
      pending = index + 1 < batches.length ? read(index + 1) : undefined;
      const { first, count } = batches[index]!;
      const { indices, values } = await encoder.encode(x, count * seqLen);
      const codes = { indices, values, k: encoder.slots };
      for (let c = 0; c < count; c += 1) accumulator.addContext(first + c, codes, c * seqLen, seqLen);
      options.onTokens?.((first + count - range.firstContext) * seqLen);
    }
    await pending;
  } finally {
    await encoder.close();
    await source.close();
  }
  return accumulator;
}

export interface StatisticsOptions {
  sae: SaeWeights;
  extracted: ExtractedActivations;
  topK: number;
  coactivationBudgetBytes?: number;
  progress: ProgressFactory;
  /** Contexts encoded per onnxruntime call (default: `contextsPerBatchFor`). */
  contextsPerBatch?: number;
}

/** Statistics of every context of the activation file in this process, in one streaming pass. */
export async function computeStatistics(options: StatisticsOptions): Promise<FeatureStatistics[]> {
  const { extracted } = options;
  const bar = options.progress('feature statistics', extracted.rows, 'tok');
  try {
    const accumulator = await accumulateContexts(
      {
        sae: options.sae, activationFile: extracted.file, seqLen: extracted.seqLen, topK: options.topK,
        ...(options.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: options.coactivationBudgetBytes }),
        contextsPerBatch: options.contextsPerBatch ?? contextsPerBatchFor(extracted.seqLen, options.sae.cfg.width),
        onTokens: (tokens) => bar.update(tokens),
      },
      { firstContext: 0, endContext: extracted.contexts.length },
    );
    return accumulator.finish();
  } finally {
    bar.stop();
  }
}
