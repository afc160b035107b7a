import { ingestSaeAtlas, upsertModel, type AtlasDb } from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import { trainSae, type SaeWeights } from '@atlas/sae';

export const MODEL_ID = 'demo-lm';

/** Registers a model and an SAE's features (decoders from the weights) in the atlas, as a build would. */
export async function registerSae(db: AtlasDb, model: LanguageModel, saeId: string, hook: string, sae: SaeWeights): Promise<void> {
  await upsertModel(db, {
    id: MODEL_ID, displayName: 'Demo LM', architecture: 'gpt2', layerCount: model.layerCount,
    dModel: model.dModel, vocabSize: model.vocabSize, contextLength: model.contextLength, sourcePath: model.dir,
  });
  const { dIn, width } = sae.cfg;
  await ingestSaeAtlas(db, {
    sae: {
      id: saeId, modelId: MODEL_ID, hookName: hook, architecture: sae.cfg.architecture, kind: 'sae', dIn, width, k: sae.cfg.k,
      trainingTokens: null, statisticsTokens: null, corpusName: 'select tests', metrics: null,
    },
    checksum: `test:${saeId}`,
    corpus: { id: 'select-tests', name: 'select tests' },
    contexts: [],
    features: Array.from({ length: width }, (_, index) => ({
      index, density: 0, maxActivation: 0, meanActivation: 0, decoder: sae.W_dec.subarray(index * dIn, (index + 1) * dIn),
    })),
    examples: [],
    activations: [],
    histograms: [],
  });
}

/** A small real TopK SAE trained on the model's activations of `texts` at `hook`. */
export async function trainSmallSae(model: LanguageModel, hook: string, texts: readonly string[], options: { width: number; k: number; steps: number }): Promise<SaeWeights> {
  const rows: Float32Array[] = [];
  for (const text of texts) {
    const ids = model.encode(text).slice(0, model.contextLength);
    const { activations } = await model.run({ inputIds: [ids], hooks: [hook] });
    rows.push(activations[hook]!);
  }
  const all = new Float32Array(rows.reduce((sum, r) => sum + r.length, 0));
  let offset = 0;
  for (const r of rows) {
    all.set(r, offset);
    offset += r.length;
  }
  const { sae } = await trainSae({
    activations: all, rows: all.length / model.dModel, dIn: model.dModel, architecture: 'topk', width: options.width, k: options.k,
    steps: options.steps, batchSize: 256, seed: 7, hookName: hook, modelId: MODEL_ID,
  });
  return sae;
}
