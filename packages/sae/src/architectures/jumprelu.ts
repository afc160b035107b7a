import type { Penalty } from '../training/gradients.ts';
import { positiveNumber } from '../validate.ts';
import type { SaeArchitecture } from './architecture.ts';
import { planCodeCap, readCodeCap } from './code-cap.ts';
import { openGraphEncoder, openTrainingGraph } from './graph-encoders.ts';

/**
 * JumpReLU (Rajamanoharan et al. 2024, Gemma Scope): z = pre·H(pre − θ_j), θ = exp(logθ) learned
 * (init `initialThreshold`), loss + λ·mean_i Σ_j H(pre_ij − θ_j) (`l0Coefficient`), θ trained
 * through the straight-through estimator with a rectangle kernel of width `bandwidth`. The graph
 * ranks latents by pre − θ and returns raw pre-activations, so those just below θ reach the
 * estimator. Saved as SAELens `jumprelu` with its `threshold` tensor.
 */
export const jumprelu: SaeArchitecture<'jumprelu', Record<string, never>> = {
  name: 'jumprelu',
  summary: 'pre·H(pre − θ) with learned per-latent thresholds and an L0 penalty',
  needsK: false,
  auxK: false,
  wholeBatch: false,
  extraWeights: ['threshold'],
  plan: (options) => ({ ...planCodeCap(options), sparsityCoefficient: positiveNumber('l0Coefficient', options.l0Coefficient, 1), settings: {} }),
  makePrepare: (state) => (codes) => {
    const { threshold } = state;
    const pre = codes.values;
    const values = new Float32Array(pre.length);
    for (let i = 0; i < pre.length; i++) {
      const p = pre[i]!;
      values[i] = p > threshold[codes.indices[i]!]! ? p : 0;
    }
    const penalty: Penalty = { kind: 'l0', coefficient: state.coefficient, bandwidth: state.bandwidth, threshold, pre };
    return { codes: { values, indices: codes.indices }, penalty };
  },
  train(run) {
    const { width, params, state } = run;
    const logThreshold = new Float32Array(width).fill(Math.log(run.initialThreshold));
    params.logThreshold = logThreshold; // trained by Adam beside the weights (∂L/∂logθ in grads.latent)
    state.threshold.fill(run.initialThreshold);
    return {
      openSession: openTrainingGraph(run, { mode: 'threshold-raw' }),
      beforeStep() {
        for (let j = 0; j < width; j++) state.threshold[j] = Math.exp(logThreshold[j]!);
      },
      async finish(sae) {
        sae.threshold = Float32Array.from(logThreshold, Math.exp);
      },
    };
  },
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'threshold', options),
  saeLens: {
    architecture: 'jumprelu',
    marked: false,
    metadata: (cfg) => ({ atlas_max_active: cfg.k }),
    read: (reading) => ({ k: readCodeCap(reading) }),
  },
};
