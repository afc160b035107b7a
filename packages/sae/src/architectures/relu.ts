import { positiveNumber } from '../validate.ts';
import type { SaeArchitecture } from './architecture.ts';
import { planCodeCap, readCodeCap } from './code-cap.ts';
import { openGraphEncoder, openTrainingGraph } from './graph-encoders.ts';

/**
 * The standard SAE: z = ReLU(pre), loss + λ·mean_i Σ_j z_ij‖W_dec[j]‖ (`l1Coefficient`, default
 * 1). The graph returns each row's `maxActive` largest codes (exact while a row fires fewer).
 * Saved as SAELens `standard`, the cap in `atlas_max_active`.
 */
export const relu: SaeArchitecture<'relu', Record<string, never>> = {
  name: 'relu',
  summary: 'ReLU(pre) with an L1 penalty weighted by decoder row norms',
  needsK: false,
  auxK: false,
  wholeBatch: false,
  extraWeights: [],
  plan: (options) => ({ ...planCodeCap(options), sparsityCoefficient: positiveNumber('l1Coefficient', options.l1Coefficient, 1), settings: {} }),
  makePrepare: (state) => (codes) => ({ codes, penalty: { kind: 'l1', coefficient: state.coefficient, norms: state.norms } }),
  train(run) {
    const { dIn, width, kernels, state } = run;
    const { W_dec } = run.params;
    return {
      openSession: openTrainingGraph(run, { mode: 'topk' }),
      beforeStep() {
        for (let j = 0; j < width; j++) state.norms[j] = Math.sqrt(kernels.dot(W_dec, j * dIn, W_dec, j * dIn, dIn));
      },
    };
  },
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'topk', options),
  saeLens: {
    architecture: 'standard',
    marked: false,
    metadata: (cfg) => ({ atlas_max_active: cfg.k }),
    read: (reading) => ({ k: readCodeCap(reading) }),
  },
};
