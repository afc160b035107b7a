import type { ActivationSource } from '@atlas/activations';
import type { Device } from '@atlas/onnx';
import type { ArchitectureOptions } from '../architectures/architecture-options.ts';
import type { NormalizeActivations } from '../normalise.ts';
import type { Architecture } from '../types.ts';

export interface TrainProgress {
  loss: number;
  reconstructionLoss: number;
  sparsityLoss: number;
  l0: number;
  fvu: number;
  deadFraction: number;
  tokensPerSecond: number;
  lr: number;
  /** The auxiliary-k loss, already scaled by α (0 while no latent is dead); included in `loss`. */
  auxLoss: number;
}

/** A checkpoint written, or a run resumed from one, after `step` steps. */
export interface CheckpointEvent {
  action: 'saved' | 'resumed';
  step: number;
  totalSteps: number;
  dir: string;
}

/** trainSae's options; those whose meaning depends on the architecture are in `ArchitectureOptions`. */
export interface TrainSaeOptions extends ArchitectureOptions {
  /**
   * Row-major [rows, dIn] training activations, or a source streaming them (shards larger than
   * memory: `openActivationSource`); training holds at most `shuffleBufferRows` of them.
   */
  activations: Float32Array | ActivationSource;
  /** Rows of `activations` when it is a Float32Array (a source knows its own). */
  rows?: number;
  architecture: Architecture;
  /** Linear warm-up of the sparsity coefficient from 0 over this many steps (default 0). */
  sparsityWarmupSteps?: number;
  /** Rows per step (default 4096, or all rows when fewer). */
  batchSize?: number;
  /** Passes over the data (default 1); give this or `steps`. */
  epochs?: number;
  steps?: number;
  /** Peak learning rate (default 2e-4 · sqrt(16384 / width)). */
  lr?: number;
  /** Linear warm-up steps (default min(1000, 5% of steps)). */
  warmupSteps?: number;
  /** Linear decay to 0 over the final steps (default 20% of steps). */
  decaySteps?: number;
  seed?: number;
  /** A latent is dead after this many tokens without firing (default 1,000,000). */
  deadAfterTokens?: number;
  /** Rows (evenly spread) on which the final metrics are measured (default 65,536). */
  evaluationRows?: number;
  /**
   * Encode each batch in this many pieces, so onnxruntime encodes one while JS runs the backward
   * pass of the previous. Default 1 (no overlap): with onnxruntime on every core, the overlap
   * measured slower (the threads fight); it pays when `threads` leaves a core to JS.
   */
  pipelineChunks?: number;
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
  /** onnxruntime execution provider for the encoder sessions (default cpu; an unavailable one falls back to CPU with a warning). */
  device?: Device;
  hookName?: string;
  modelId?: string;
  contextSize?: number;
  prependBos?: boolean;
  datasetPath?: string;
  /** SAELens' input normalisation (default `none`); see `normalise.ts`. */
  normalizeActivations?: NormalizeActivations;
  /**
   * topk/batchtopk: dead latents (no firing in `deadAfterTokens`) whose top pre-activations fit
   * the residual each row, k_aux of them (default dIn/2; 0 disables the auxiliary-k loss).
   */
  auxK?: number;
  /** α of the auxiliary-k loss (default 1/32). */
  auxCoefficient?: number;
  /** Rows held in memory for shuffling (default 262,144, or all rows when fewer). */
  shuffleBufferRows?: number;
  /**
   * Folder for checkpoints: when it holds one of a run with the same options, training resumes
   * from it and ends with the same weights as an uninterrupted run.
   */
  checkpointDir?: string;
  /** Steps between checkpoints (default 500), and at most `checkpointSeconds` (default 60) apart. */
  checkpointEvery?: number;
  checkpointSeconds?: number;
  onCheckpoint?: (event: CheckpointEvent) => void;
  onProgress?: (step: number, totalSteps: number, progress: TrainProgress) => void;
}

export function isActivationSource(activations: Float32Array | ActivationSource): activations is ActivationSource {
  return typeof (activations as Partial<ActivationSource> | undefined)?.read === 'function';
}
