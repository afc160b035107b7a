import { SaeError } from './sae-error.ts';
import { defaultLearningRate, validateSchedule } from './schedule.ts';
import type { LrSchedule } from './schedule.ts';
import { validateActivations, validateK } from './validate.ts';

export const SUPPORTED_ARCHITECTURES = ['topk'] as const;

export interface TrainProgress {
  loss: number;
  l0: number;
  fvu: number;
  deadFraction: number;
  tokensPerSecond: number;
  lr: number;
}

export interface TrainSaeOptions {
  /** Row-major [rows, dIn] training activations. */
  activations: Float32Array;
  rows: number;
  dIn: number;
  architecture: 'topk';
  width: number;
  k: number;
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
  hookName?: string;
  modelId?: string;
  contextSize?: number;
  prependBos?: boolean;
  datasetPath?: string;
  onProgress?: (step: number, totalSteps: number, progress: TrainProgress) => void;
}

export interface TrainPlan extends LrSchedule {
  batchSize: number;
  seed: number;
  deadAfterTokens: number;
  evaluationRows: number;
  pipelineChunks: number;
}

/** Validates the options (data last: it is the slow check) and fills in the defaults. */
export function planTraining(options: TrainSaeOptions): TrainPlan {
  const { architecture, width, k, rows, dIn } = options;
  if (!(SUPPORTED_ARCHITECTURES as readonly string[]).includes(architecture)) {
    throw new SaeError(
      `Unsupported SAE architecture ${JSON.stringify(architecture)}; supported: ${SUPPORTED_ARCHITECTURES.join(', ')}.`,
    );
  }
  validateK(k, width);
  const batchSize = Math.min(options.batchSize ?? 4096, rows);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SaeError(`batchSize must be a positive integer, got ${options.batchSize}.`);
  }
  if (options.steps !== undefined && options.epochs !== undefined) {
    throw new SaeError('Give either steps or epochs, not both.');
  }
  if (options.epochs !== undefined && !(options.epochs > 0)) {
    throw new SaeError(`epochs must be positive, got ${options.epochs}.`);
  }
  const totalSteps = options.steps ?? Math.ceil(((options.epochs ?? 1) * rows) / batchSize);
  if (!Number.isSafeInteger(totalSteps) || totalSteps < 1) {
    throw new SaeError(`steps must be a positive integer, got ${options.steps}.`);
  }
  const plan: TrainPlan = {
    lr: options.lr ?? defaultLearningRate(width),
    totalSteps,
    warmupSteps: options.warmupSteps ?? Math.min(1000, Math.floor(totalSteps / 20)),
    decaySteps: options.decaySteps ?? Math.floor(totalSteps / 5),
    batchSize,
    seed: options.seed ?? 0,
    deadAfterTokens: options.deadAfterTokens ?? 1_000_000,
    evaluationRows: Math.min(options.evaluationRows ?? 65_536, rows),
    pipelineChunks: options.pipelineChunks ?? 1,
  };
  if (!Number.isSafeInteger(plan.pipelineChunks) || plan.pipelineChunks < 1) {
    throw new SaeError(`pipelineChunks must be a positive integer, got ${options.pipelineChunks}.`);
  }
  validateSchedule(plan);
  validateActivations(options.activations, rows, dIn);
  return plan;
}
