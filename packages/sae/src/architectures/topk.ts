import { topKField } from '../formats/saelens-values.ts';
import type { SaeArchitecture } from './architecture.ts';
import { openGraphEncoder, openTrainingGraph } from './graph-encoders.ts';

/**
 * TopK (Gao et al. 2024): z = ReLU(TopK_k(pre)), at most k latents per row, no sparsity penalty;
 * the auxiliary-k loss revives dead latents. Saved as SAELens `topk`.
 */
export const topk: SaeArchitecture<'topk', Record<string, never>> = {
  name: 'topk',
  summary: 'ReLU(TopK_k(pre)): the k largest pre-activations of each row',
  needsK: true,
  auxK: true,
  wholeBatch: false,
  extraWeights: [],
  // maxActive, when given, is the number of codes per row instead of k.
  plan: ({ maxActive }, k) => ({ k, slots: maxActive ?? k, sparsityCoefficient: 0, settings: {} }),
  train: (run) => ({ openSession: openTrainingGraph(run, { mode: 'topk' }) }),
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'topk', options),
  saeLens: {
    architecture: 'topk',
    marked: false,
    fields: (cfg) => ({ k: cfg.k, rescale_acts_by_decoder_norm: false }),
    read: ({ json, fail }) => ({ k: topKField(json, fail) }),
  },
};
