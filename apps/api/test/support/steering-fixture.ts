import { ingestSaeAtlas, upsertModel, type AtlasDb } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { readUnembedding, type LanguageModel } from '@atlas/model';
import { decodeModel } from '@atlas/onnx';
import { readFileSync } from 'node:fs';

/** The real demo LM, registered with its folder as `models.source_path`. */
export const REAL_MODEL_ID = 'demo-lm-real';
export const REAL_SAE_ID = `${REAL_MODEL_ID}/blocks.3.hook_resid_post/topk-2`;
/** A model whose recorded folder is not on this machine. */
export const GONE_SAE_ID = 'gone-lm/blocks.3.hook_resid_post/topk-2';
export const GONE_MODEL_DIR = '/nonexistent/models/gone-lm';
/** Steering target: feature 0's decoder row is the residual direction that raises this token's logit most. */
export const TARGET_TOKEN = ' sea';

function realModelRow(id: string, sourcePath: string) {
  return { id, displayName: id, architecture: 'gpt2', layerCount: 4, dModel: 256, vocabSize: 4096, contextLength: 128, sourcePath };
}

/** The final LayerNorm's scale: logits are W_U · (gamma ⊙ normalised residual). */
function finalLayerNormScale(model: LanguageModel): Float32Array {
  const graph = decodeModel(readFileSync(model.onnxPath));
  const tensor = graph.graph?.initializer?.find((t) => t.name === 'ln_f.weight');
  const raw = tensor?.rawData;
  if (!raw) throw new Error('the demo LM has no ln_f.weight initializer with raw data');
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/**
 * Two SAEs on the demo LM's last residual stream, each with two features: feature 0 points
 * where the final LayerNorm and unembedding turn it into TARGET_TOKEN's logit (gamma ⊙ W_U[t],
 * centred: LayerNorm removes the mean), so steering with it makes the model say that token;
 * feature 1 points the opposite way. One SAE's model is the real folder, the other's is missing.
 */
export async function seedSteeringAtlas(db: AtlasDb, model: LanguageModel): Promise<{ targetTokenId: number }> {
  const ids = model.encode(TARGET_TOKEN);
  if (ids.length !== 1) throw new Error(`"${TARGET_TOKEN}" is ${ids.length} tokens for the demo LM; pick a single-token target`);
  const targetTokenId = ids[0]!;
  const { weight, dModel } = readUnembedding(model);
  const gamma = finalLayerNormScale(model);
  const row = weight.slice(targetTokenId * dModel, (targetTokenId + 1) * dModel).map((x, d) => x * gamma[d]!);
  const mean = row.reduce((sum, x) => sum + x, 0) / dModel;
  const centred = row.map((x) => x - mean);
  const norm = Math.hypot(...centred);
  const unit = centred.map((x) => x / norm);
  const decoders = [unit, unit.map((x) => -x)];
  for (const [saeId, modelId, folder] of [
    [REAL_SAE_ID, REAL_MODEL_ID, demoModelDir],
    [GONE_SAE_ID, 'gone-lm', GONE_MODEL_DIR],
  ] as const) {
    await upsertModel(db, realModelRow(modelId, folder));
    await ingestSaeAtlas(db, {
      sae: {
        id: saeId, modelId, hookName: 'blocks.3.hook_resid_post', architecture: 'topk', kind: 'sae',
        dIn: dModel, width: 2, k: 1, trainingTokens: null, statisticsTokens: null, corpusName: 'Demo corpus', metrics: null,
      },
      checksum: `sha256:${saeId}`,
      corpus: { id: 'demo', name: 'Demo corpus' },
      contexts: [],
      features: decoders.map((decoder, index) => ({ index, density: 0.01, maxActivation: 10, meanActivation: 1, decoder })),
      examples: [],
      activations: [],
      histograms: [],
    });
  }
  return { targetTokenId };
}
