import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '@atlas/corpus';
import { packSequences, tokenizeDocuments, type LanguageModel } from '@atlas/model';
import { loadSae, saveSaeLens, trainSae, type SaeWeights } from '@atlas/sae';

export const BENCH_HOOK = 'blocks.2.hook_resid_post';

/**
 * The benchmark's SAE: TopK 4,096 × k 32 on the demo LM's `blocks.2.hook_resid_post` (the demo
 * atlas's shape), trained on 262k tokens of `demo-heldout` (none of the benchmark's texts is
 * chosen for it; WordNet, SOTU and Moby-Dick are all in it, as in the demo atlas). Cached in
 * `dir` as a SAELens folder; trained when missing (≈1–3 min on 2 cores).
 */
export async function benchSae(model: LanguageModel, dir: string, log: (line: string) => void): Promise<SaeWeights> {
  if (existsSync(path.join(dir, 'cfg.json'))) return loadSae(dir);
  const seqLen = 128;
  const contexts = 2048;
  const { documents } = await loadCorpus('demo-heldout');
  const rows = new Float32Array(contexts * seqLen * model.dModel);
  let filled = 0;
  const batch: Int32Array[] = [];
  const flush = async () => {
    const inputIds = new Int32Array(batch.length * seqLen);
    batch.forEach((tokens, i) => inputIds.set(tokens, i * seqLen));
    const { activations } = await model.run({ inputIds, batch: batch.length, seqLen, hooks: [BENCH_HOOK] });
    rows.set(activations[BENCH_HOOK]!, filled);
    filled += activations[BENCH_HOOK]!.length;
    batch.length = 0;
  };
  log(`bench SAE: extracting ${contexts * seqLen} tokens of demo-heldout at ${BENCH_HOOK}`);
  for (const context of packSequences(tokenizeDocuments(model, documents), seqLen, { eosTokenId: model.eosTokenId! })) {
    batch.push(context.tokens);
    if (batch.length === 32) await flush();
    if (filled + batch.length * seqLen * model.dModel >= rows.length) break;
  }
  if (batch.length > 0) await flush();
  log('bench SAE: training TopK 4096 × k 32 (2 epochs)');
  const { sae, metrics } = await trainSae({
    activations: rows.subarray(0, filled), rows: filled / model.dModel, dIn: model.dModel, architecture: 'topk', width: 4096, k: 32,
    epochs: 2, batchSize: 4096, seed: 0, hookName: BENCH_HOOK, modelId: 'demo-lm',
  });
  log(`bench SAE: FVU ${metrics.fvu.toFixed(3)}, dead ${(100 * metrics.deadFraction).toFixed(1)}%`);
  await saveSaeLens(dir, sae, metrics);
  return sae;
}
