import type { LanguageModel } from '@atlas/model';
import { planBatches, tokenWindows, type TokenWindow } from '../src/representation/windows.ts';

/**
 * The plain model forward (input ids → logits, no hook exposed) over the same windows and
 * padded batches representation building runs: the rate to read its tokens/s against.
 */
export async function plainForwardTokensPerSecond(model: LanguageModel, texts: readonly string[], batchTokens = 4096): Promise<number> {
  const windows: TokenWindow[] = texts.flatMap((text, owner) => tokenWindows(model.encode(text), model.contextLength, owner));
  const batches = planBatches(windows, batchTokens, model.eosTokenId ?? 0);
  const started = performance.now();
  let tokens = 0;
  for (const batch of batches) {
    await model.run({ inputIds: batch.inputIds, batch: batch.windows.length, seqLen: batch.seqLen, attentionMask: batch.attentionMask, hooks: [], logits: true });
    tokens += batch.tokens;
  }
  return tokens / ((performance.now() - started) / 1000);
}
