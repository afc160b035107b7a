import { loadCorpus } from '@atlas/corpus';
import { demoModelDir } from '@atlas/demo-model';
import { batchContexts, loadLanguageModel, packSequences, tokenizeDocuments, type LanguageModel } from '@atlas/model';
import { trainSae, type SaeWeights } from '@atlas/sae';

export const HOOK = 'blocks.2.hook_resid_post';

/** Real residual-stream activations of the demo LM over the held-out corpus: [rows, dModel]. */
export async function demoActivations(tokens: number, model?: LanguageModel): Promise<{ activations: Float32Array; rows: number; dIn: number }> {
  const lm = model ?? (await loadLanguageModel(demoModelDir));
  const corpus = await loadCorpus('demo-heldout');
  const seqLen = 64;
  const contexts = [];
  for (const context of packSequences(tokenizeDocuments(lm, corpus.documents), seqLen, { eosTokenId: lm.eosTokenId! })) {
    contexts.push(context);
    if (contexts.length * seqLen >= tokens) break;
  }
  const rows = contexts.length * seqLen;
  const activations = new Float32Array(rows * lm.dModel);
  let offset = 0;
  for (const group of batchContexts(contexts, 32)) {
    const { activations: hooked } = await lm.run({ inputIds: group.inputIds, batch: group.batch, seqLen, hooks: [HOOK] });
    activations.set(hooked[HOOK]!, offset);
    offset += hooked[HOOK]!.length;
  }
  return { activations, rows, dIn: lm.dModel };
}

/** A TopK SAE trained on those activations (seconds at these sizes). */
export async function trainTestSae(activations: Float32Array, rows: number, dIn: number, width: number, seed: number): Promise<SaeWeights> {
  const { sae } = await trainSae({
    activations, rows, dIn, architecture: 'topk', width, k: 16, batchSize: 512, epochs: 4, seed,
  });
  return { ...sae, cfg: { ...sae.cfg, modelId: 'demo-lm', hookName: HOOK } };
}
