import type { Device } from '@atlas/onnx';
import type { ActivationSource } from './activation-source.ts';
import { DEFAULT_AUX_K_COEFFICIENT, defaultAuxK } from './aux-k.ts';
import { DEFAULT_GBA, validateGba } from './gba.ts';
import type { GbaSettings } from './gba.ts';
import { SaeError } from './sae-error.ts';
import { defaultLearningRate, validateSchedule } from './schedule.ts';
import type { LrSchedule } from './schedule.ts';
import { validateNormalizeMode } from './normalise.ts';
import type { NormalizeActivations } from './normalise.ts';
import { DEFAULT_SHUFFLE_BUFFER_ROWS } from './shuffle-buffer.ts';
import type { Architecture } from './types.ts';
import { validateActivations, validateK } from './validate.ts';

export const SUPPORTED_ARCHITECTURES = ['topk', 'batchtopk', 'relu', 'jumprelu', 'gba', 'mp'] as const;

/** Default per-row cap on the sparse codes of relu/jumprelu (and candidates per row for batchtopk: 4k). */
export const DEFAULT_MAX_ACTIVE = 256;

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

export interface TrainSaeOptions {
  /**
   * Row-major [rows, dIn] training activations, or a source streaming them (shards larger than
   * memory: `openActivationSource`); training holds at most `shuffleBufferRows` of them.
   */
  activations: Float32Array | ActivationSource;
  /** Rows of `activations` when it is a Float32Array (a source knows its own). */
  rows?: number;
  dIn: number;
  architecture: Architecture;
  width: number;
  /** topk: latents per row; batchtopk: mean latents per row (k·B per batch); mp: pursuit steps. Not used by relu/jumprelu/gba. */
  k?: number;
  /** mp: stop the pursuit once ‖residual‖ falls below this (default 0: always k steps). */
  residualThreshold?: number;
  /**
   * Slots per row of the sparse codes the ONNX graph returns (TopK inside the graph). relu, gba and
   * jumprelu: the cap on firing latents per row (default min(width, 256)); a row with more keeps
   * its largest (jumprelu: farthest above θ). batchtopk: candidates per row for the batch-level
   * selection (default min(width, 4k)).
   */
  maxActive?: number;
  /** relu: λ of the L1 penalty λ·Σ_j z_j‖W_dec[j]‖ (default 1, as SAELens). */
  l1Coefficient?: number;
  /** jumprelu: λ of the L0 penalty λ·Σ_j H(pre_j − θ_j) (default 1, as SAELens). */
  l0Coefficient?: number;
  /** jumprelu: width ε of the rectangle kernel of the straight-through estimator (default 0.05). */
  bandwidth?: number;
  /** jumprelu: initial θ for every latent (default 0.01). */
  initialThreshold?: number;
  /** gba: number of neuron groups K (default 10). */
  gbaGroups?: number;
  /** gba: steps T between bias updates (default 50). */
  gbaInterval?: number;
  /** gba: target firing frequency of the first group (default 0.5). */
  gbaMaxFrequency?: number;
  /** gba: target firing frequency of the last group (default 1e-3); targets are geometric in between. */
  gbaMinFrequency?: number;
  /** gba: bias step γ (default 0.01). */
  gbaStep?: number;
  /** gba: a neuron firing on fewer than this fraction of a window's rows is dead (default 1e-6). */
  gbaDeadFrequency?: number;
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

export interface TrainPlan extends LrSchedule {
  architecture: Architecture;
  /** Code slots per row the graph returns. */
  slots: number;
  /** The SAE's k (relu/jumprelu: = slots). */
  k: number;
  sparsityCoefficient: number;
  sparsityWarmupSteps: number;
  bandwidth: number;
  initialThreshold: number;
  batchSize: number;
  seed: number;
  deadAfterTokens: number;
  evaluationRows: number;
  pipelineChunks: number;
  rows: number;
  normalizeActivations: NormalizeActivations;
  /** 0: no auxiliary-k loss. */
  auxK: number;
  auxCoefficient: number;
  shuffleBufferRows: number;
  checkpointEvery: number;
  checkpointSeconds: number;
  /** gba only. */
  gba?: GbaSettings;
  /** mp only. */
  residualThreshold?: number;
}

/** Validates the options (data last: it is the slow check) and fills in the defaults. */
export function planTraining(options: TrainSaeOptions): TrainPlan {
  const { architecture, width, dIn } = options;
  const rows = rowsOf(options);
  if (!(SUPPORTED_ARCHITECTURES as readonly string[]).includes(architecture)) {
    throw new SaeError(
      `Unsupported SAE architecture ${JSON.stringify(architecture)}; supported: ${SUPPORTED_ARCHITECTURES.join(', ')}.`,
    );
  }
  const sparse = architecture === 'relu' || architecture === 'jumprelu' || architecture === 'gba';
  if (!sparse && options.k === undefined) throw new SaeError(`architecture ${architecture} needs k.`);
  let k = options.k ?? 1;
  validateK(k, width);
  if (architecture === 'mp' && options.maxActive !== undefined) {
    throw new SaeError('maxActive does not apply to mp: its codes have k slots, one per pursuit step (set k).');
  }
  const slots =
    options.maxActive ??
    (architecture === 'topk' || architecture === 'mp' ? k : architecture === 'batchtopk' ? Math.min(width, 4 * k) : Math.min(width, DEFAULT_MAX_ACTIVE));
  if (architecture !== 'topk' && options.maxActive !== undefined) validateK(options.maxActive, width);
  if (architecture === 'batchtopk' && slots < k) throw new SaeError(`maxActive (${slots}) must be at least k (${k}).`);
  if (sparse) k = slots;
  const positive = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!(v > 0) || !Number.isFinite(v)) throw new SaeError(`${name} must be a positive number, got ${value}.`);
    return v;
  };
  const sparsityCoefficient =
    architecture === 'relu' ? positive('l1Coefficient', options.l1Coefficient, 1) :
    architecture === 'jumprelu' ? positive('l0Coefficient', options.l0Coefficient, 1) : 0;
  const bandwidth = positive('bandwidth', options.bandwidth, 0.05);
  const initialThreshold = positive('initialThreshold', options.initialThreshold, 0.01);
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
    architecture,
    slots,
    k,
    sparsityCoefficient,
    sparsityWarmupSteps: options.sparsityWarmupSteps ?? 0,
    bandwidth,
    initialThreshold,
    lr: options.lr ?? defaultLearningRate(width),
    totalSteps,
    warmupSteps: options.warmupSteps ?? Math.min(1000, Math.floor(totalSteps / 20)),
    decaySteps: options.decaySteps ?? Math.floor(totalSteps / 5),
    batchSize,
    seed: options.seed ?? 0,
    deadAfterTokens: options.deadAfterTokens ?? 1_000_000,
    evaluationRows: Math.min(options.evaluationRows ?? 65_536, rows),
    // batchtopk selects over the whole batch, so it is encoded in one piece.
    pipelineChunks: architecture === 'batchtopk' ? 1 : (options.pipelineChunks ?? 1),
    rows,
    normalizeActivations: validateNormalizeMode(options.normalizeActivations ?? 'none'),
    auxK: planAuxK(options),
    auxCoefficient: positive('auxCoefficient', options.auxCoefficient, DEFAULT_AUX_K_COEFFICIENT),
    shuffleBufferRows: options.shuffleBufferRows ?? DEFAULT_SHUFFLE_BUFFER_ROWS,
    checkpointEvery: positive('checkpointEvery', options.checkpointEvery, 500),
    checkpointSeconds: positive('checkpointSeconds', options.checkpointSeconds, 60),
  };
  if (architecture === 'gba') {
    plan.gba = validateGba(
      {
        groups: options.gbaGroups ?? DEFAULT_GBA.groups,
        interval: options.gbaInterval ?? DEFAULT_GBA.interval,
        maxFrequency: options.gbaMaxFrequency ?? DEFAULT_GBA.maxFrequency,
        minFrequency: options.gbaMinFrequency ?? DEFAULT_GBA.minFrequency,
        step: options.gbaStep ?? DEFAULT_GBA.step,
        deadFrequency: options.gbaDeadFrequency ?? DEFAULT_GBA.deadFrequency,
      },
      width,
    );
  }
  if (architecture === 'mp') {
    const threshold = options.residualThreshold ?? 0;
    if (!(threshold >= 0) || !Number.isFinite(threshold)) {
      throw new SaeError(`residualThreshold must be a finite number >= 0, got ${options.residualThreshold}.`);
    }
    plan.residualThreshold = threshold;
  }
  if (!Number.isSafeInteger(plan.pipelineChunks) || plan.pipelineChunks < 1) {
    throw new SaeError(`pipelineChunks must be a positive integer, got ${options.pipelineChunks}.`);
  }
  validateSchedule(plan);
  if (!Number.isSafeInteger(plan.shuffleBufferRows) || plan.shuffleBufferRows < 1) {
    throw new SaeError(`shuffleBufferRows must be a positive integer, got ${options.shuffleBufferRows}.`);
  }
  if (!Number.isSafeInteger(plan.checkpointEvery)) throw new SaeError(`checkpointEvery must be a whole number of steps, got ${options.checkpointEvery}.`);
  if (!isActivationSource(options.activations)) validateActivations(options.activations, rows, dIn);
  else if (options.activations.dIn !== dIn) {
    throw new SaeError(`dIn is ${dIn} but ${options.activations.description} has rows of ${options.activations.dIn} values.`);
  }
  return plan;
}

export function isActivationSource(activations: Float32Array | ActivationSource): activations is ActivationSource {
  return typeof (activations as Partial<ActivationSource> | undefined)?.read === 'function';
}

function rowsOf(options: TrainSaeOptions): number {
  const { activations, rows } = options;
  if (!isActivationSource(activations)) {
    if (rows === undefined) throw new SaeError('rows is required when activations is a Float32Array.');
    return rows;
  }
  if (rows !== undefined && rows !== activations.rows) {
    throw new SaeError(`rows is ${rows} but ${activations.description} holds ${activations.rows} rows (leave rows out for a source).`);
  }
  return activations.rows;
}

/** k_aux: dIn/2 by default for topk/batchtopk, 0 (off) for the others, which have no auxiliary loss. */
function planAuxK(options: TrainSaeOptions): number {
  const topk = options.architecture === 'topk' || options.architecture === 'batchtopk';
  if (options.auxK === undefined) return topk ? Math.min(defaultAuxK(options.dIn), options.width) : 0;
  if (!Number.isSafeInteger(options.auxK) || options.auxK < 0) throw new SaeError(`auxK must be a whole number >= 0, got ${options.auxK}.`);
  if (options.auxK > 0 && !topk) throw new SaeError(`auxK applies to topk and batchtopk only (${options.architecture} has no auxiliary loss); leave it out.`);
  return Math.min(options.auxK, options.width);
}
