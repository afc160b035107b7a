import type { LanguageModel } from '@atlas/model';
import { hiddenPooler } from '../src/representation/poolers.ts';
import { createTextRepresenter } from '../src/representation/text-representer.ts';
import type { SelectionEmbedder } from '../src/index.ts';

/**
 * An extra row of the benchmark, labelled as such (the embedding baseline before `@atlas/embed`):
 * the demo LM's last block (`blocks.3.hook_resid_post`) mean-pooled over tokens and
 * L2-normalised. A dense embedding of the same small model, not a trained sentence encoder.
 */
export function lmMeanEmbedder(model: LanguageModel, hook = 'blocks.3.hook_resid_post'): SelectionEmbedder {
  const dIn = model.hookPoints.find((point) => point.name === hook)!.width;
  const pooler = hiddenPooler(dIn);
  const representer = createTextRepresenter({ model, hook, poolers: [pooler] });
  return {
    id: { name: `demo-lm-mean/${hook}`, version: '1', checksum: 'demo-lm' },
    async embed(texts) {
      const { vectors } = await representer.represent(texts);
      return vectors[0]!.map((split) => {
        // The hidden pooler keeps [mean max(x, 0), mean max(−x, 0)]; their difference is mean x.
        const dense = new Float32Array(2 * dIn);
        split.indices.forEach((index, j) => (dense[index] = split.values[j]!));
        const mean = Float32Array.from({ length: dIn }, (_, i) => dense[i]! - dense[dIn + i]!);
        const norm = Math.hypot(...mean) || 1;
        return mean.map((v) => v / norm);
      });
    },
  };
}
