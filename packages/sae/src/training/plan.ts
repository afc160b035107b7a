import { getArchitecture } from '../architectures/registry.ts';
import { validateNormalizeMode } from '../normalise.ts';
import type { NormalizeActivations } from '../normalise.ts';
import { SaeError } from '../sae-error.ts';
import type { Architecture } from '../types.ts';
import { positiveNumber, validateActivations, validateK } from '../validate.ts';
import { DEFAULT_AUX_K_COEFFICIENT, defaultAuxK } from './aux-k.ts';
import { defaultLearningRate, validateSchedule } from './schedule.ts';
import type { LrSchedule } from './schedule.ts';
import { DEFAULT_SHUFFLE_BUFFER_ROWS } from './shuffle-buffer.ts';
import { isActivationSource } from './train-options.ts';
import type { TrainSaeOptions } from './train-options.ts';

/** A run with every default filled in and every option checked. */
export interface TrainPlan extends LrSchedule {
  architecture: Architecture;
  /** Code slots per row the graph returns. */
  slots: number;
  /** The SAE's k (relu/jumprelu/gba: = slots). */
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
  /** The architecture's own settings (`ArchitecturePlan.settings`), beside the others: gba's `gba`, mp's `residualThreshold`. */
  [setting: string]: unknown;
}

/** Validates the options (data last: it is the slow check) and fills in the defaults. */
export function planTraining(options: TrainSaeOptions): TrainPlan {
  const { width, dIn } = options;
  const rows = rowsOf(options);
  const architecture = getArchitecture(options.architecture);
  if (architecture.needsK && options.k === undefined) throw new SaeError(`architecture ${architecture.name} needs k.`);
  validateK(options.k ?? 1, width);
  const { k, slots, sparsityCoefficient, settings } = architecture.plan(options, options.k ?? 1);
  const bandwidth = positiveNumber('bandwidth', options.bandwidth, 0.05);
  const initialThreshold = positiveNumber('initialThreshold', options.initialThreshold, 0.01);
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
    architecture: architecture.name,
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
    pipelineChunks: architecture.wholeBatch ? 1 : (options.pipelineChunks ?? 1),
    rows,
    normalizeActivations: validateNormalizeMode(options.normalizeActivations ?? 'none'),
    auxK: planAuxK(options, architecture.auxK),
    auxCoefficient: positiveNumber('auxCoefficient', options.auxCoefficient, DEFAULT_AUX_K_COEFFICIENT),
    shuffleBufferRows: options.shuffleBufferRows ?? DEFAULT_SHUFFLE_BUFFER_ROWS,
    checkpointEvery: positiveNumber('checkpointEvery', options.checkpointEvery, 500),
    checkpointSeconds: positiveNumber('checkpointSeconds', options.checkpointSeconds, 60),
    ...(settings as Record<string, unknown>),
  };
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

/** The plan's fields that decide the trained weights: a checkpoint resumes only a run with the same ones. */
export function determiningOptions(plan: TrainPlan, dIn: number, width: number): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...plan, dIn, width };
  for (const key of ['pipelineChunks', 'checkpointEvery', 'checkpointSeconds'] as const) delete fields[key];
  return fields;
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

/** k_aux: dIn/2 by default where the auxiliary-k loss applies (topk, batchtopk), 0 (off) elsewhere. */
function planAuxK(options: TrainSaeOptions, applies: boolean): number {
  if (options.auxK === undefined) return applies ? Math.min(defaultAuxK(options.dIn), options.width) : 0;
  if (!Number.isSafeInteger(options.auxK) || options.auxK < 0) throw new SaeError(`auxK must be a whole number >= 0, got ${options.auxK}.`);
  if (options.auxK > 0 && !applies) throw new SaeError(`auxK applies to topk and batchtopk only (${options.architecture} has no auxiliary loss); leave it out.`);
  return Math.min(options.auxK, options.width);
}
