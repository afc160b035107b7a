import { FeatureStatsAccumulator, type FeatureStatistics } from '@atlas/features';
import { createEncoder, type SaeWeights } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';
import type { ExtractedActivations } from './extract-activations.ts';

export interface StatisticsOptions {
  sae: SaeWeights;
  extracted: ExtractedActivations;
  topK: number;
  /** Contexts encoded per onnxruntime call. */
  contextsPerBatch?: number;
  progress: ProgressFactory;
}

/** Encodes every token once with the SAE (sparse extraction inside the graph) and streams the codes into the accumulator. */
export async function computeStatistics(options: StatisticsOptions): Promise<FeatureStatistics[]> {
  const { sae, extracted, progress } = options;
  const { seqLen, dIn } = extracted;
  const contextsPerBatch = options.contextsPerBatch ?? Math.max(1, Math.floor(4096 / seqLen));
  const accumulator = new FeatureStatsAccumulator(sae.cfg.width, { topK: options.topK });
  const encoder = await createEncoder(sae, { batchSize: contextsPerBatch * seqLen });
  const contextCount = extracted.contexts.length;
  const bar = progress('feature statistics', extracted.rows, 'tok');
  try {
    for (let first = 0; first < contextCount; first += contextsPerBatch) {
      const count = Math.min(contextsPerBatch, contextCount - first);
      const rows = count * seqLen;
      const x = extracted.activations.subarray(first * seqLen * dIn, (first * seqLen + rows) * dIn);
      const { indices, values } = await encoder.encode(x, rows);
      const codes = { indices, values, k: encoder.slots };
      for (let c = 0; c < count; c += 1) accumulator.addContext(first + c, codes, c * seqLen, seqLen);
      bar.update((first + count) * seqLen);
    }
  } finally {
    bar.stop();
    await encoder.close();
  }
  return accumulator.finish();
}
