import type { Architecture } from './architectures/registry.ts';
import type { NormalizeActivations } from './normalise.ts';

export type { Architecture };

/** How an SAE was trained (kept in the SAELens cfg.json under `metadata.atlas_training`). */
export interface SaeTrainingInfo {
  steps: number;
  tokens: number;
  batchSize: number;
  lr: number;
  warmupSteps: number;
  decaySteps: number;
  seed: number;
}

export interface SaeConfig {
  /** One of the registry's architectures (`architectures/`: topk, batchtopk, relu, jumprelu, gba, mp). */
  architecture: Architecture;
  dIn: number;
  /** Number of latents (SAELens `d_sae`). */
  width: number;
  /**
   * topk/batchtopk: latents per row (batchtopk: on average). relu/jumprelu/gba: the most latents per
   * row the sparse encoder returns (its cap; rows with more active latents keep the largest).
   * mp: pursuit steps (at most k latents per row; an atom chosen twice fires once).
   */
  k: number;
  /** mp only: pursuit stops once ‖residual‖ falls below this (0: always k steps). */
  residualThreshold?: number;
  hookName: string;
  modelId: string;
  dtype: 'float32';
  /** SAELens' input normalisation, applied by the encoders and undone on reconstructions. */
  normalizeActivations: NormalizeActivations;
  /** expected_average_only_in: the factor inputs are multiplied by (SAELens folds it into the weights instead). */
  activationScale?: number;
  contextSize?: number;
  prependBos?: boolean;
  datasetPath?: string;
  training?: SaeTrainingInfo;
}

/** Weights as row-major float32 arrays; decoder rows are unit-norm after training. */
export interface SaeWeights {
  cfg: SaeConfig;
  /** [dIn, width] */
  W_enc: Float32Array;
  /** [width] */
  b_enc: Float32Array;
  /** [width, dIn] */
  W_dec: Float32Array;
  /** [dIn] */
  b_dec: Float32Array;
  /** [width] jumprelu's per-latent thresholds; batchtopk's global threshold, repeated. */
  threshold?: Float32Array;
}

/** Sparse codes: `rows * k` latent indices and their activations (0: not firing), row-major. */
export interface SparseCodes {
  indices: Int32Array;
  values: Float32Array;
}

export interface SaeMetrics {
  /** Mean number of firing latents per row. */
  l0: number;
  /** Fraction of variance unexplained: ‖x − x̂‖² / ‖x − mean(x)‖². */
  fvu: number;
  /** Fraction of latents that never fire on the evaluated rows. */
  deadFraction: number;
}
