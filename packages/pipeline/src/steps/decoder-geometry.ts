import { decoderNeighbours, logitEffects, type DecoderNeighbour, type LogitEffects } from '@atlas/features';
import { ModelError, TOKEN_COUNTS_FILE, readTrainingTokenCounts, readUnembedding, type LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';

export interface DecoderGeometry {
  neighbours: DecoderNeighbour[][];
  /** Null when the model's unembedding cannot be read or does not match the SAE's width. */
  logitEffects: LogitEffects[] | null;
  /** Seconds per part, for the build log. */
  seconds: { neighbours: number; logitEffects: number };
}

/** Decoder neighbours (cosine within the SAE) and direct logit effects (W_dec · W_U), both in onnxruntime. */
export async function computeDecoderGeometry(
  sae: SaeWeights,
  model: LanguageModel,
  log: (line: string) => void,
): Promise<DecoderGeometry> {
  const { dIn } = sae.cfg;
  let started = performance.now();
  const neighbours = await decoderNeighbours(sae.W_dec, dIn, { count: 10 });
  const neighbourSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  let effects: LogitEffects[] | null = null;
  try {
    const unembedding = readUnembedding(model);
    if (unembedding.dModel !== dIn) {
      log(`Logit effects skipped: the unembedding has width ${unembedding.dModel}, the SAE's d_in is ${dIn}.`);
    } else {
      // Tokens the model never saw in training have untrained unembedding rows: rank only the seen
      // ones when the model folder records its training token counts (token_counts.json).
      const counts = readTrainingTokenCounts(model);
      const seen = counts ? [...counts.keys()].filter((id) => counts[id]! > 0) : undefined;
      if (counts && seen) log(`Logit effects over the ${seen.length} of ${counts.length} tokens seen in training (${TOKEN_COUNTS_FILE}).`);
      effects = await logitEffects(sae.W_dec, unembedding.weight, dIn, { count: 10, ...(seen ? { tokenIds: seen } : {}) });
    }
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    log(`Logit effects skipped: ${error.message}`);
  }
  const effectSeconds = (performance.now() - started) / 1000;
  log(`Decoder neighbours in ${neighbourSeconds.toFixed(1)} s; logit effects in ${effectSeconds.toFixed(1)} s.`);
  return { neighbours, logitEffects: effects, seconds: { neighbours: neighbourSeconds, logitEffects: effectSeconds } };
}
