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
  architecture: 'topk';
  dIn: number;
  /** Number of latents (SAELens `d_sae`). */
  width: number;
  k: number;
  hookName: string;
  modelId: string;
  dtype: 'float32';
  normalizeActivations: 'none';
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
}

/** Sparse codes: `rows * k` latent indices and their (ReLU'd) values, row-major. */
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
