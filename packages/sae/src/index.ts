// @atlas/sae: sparse autoencoders. architectures/ (one module per architecture, and the registry
// shared code asks), training/, encoding/ (inference encoders), evaluation/ (metrics),
// formats/ (SAELens and sparsify folders), kernels/ (the backward pass's vector kernels).
export type { SaeConfig, SaeWeights, SaeMetrics, SaeTrainingInfo, SparseCodes } from './types.ts';
export { SaeError } from './sae-error.ts';
// The execution providers `device` options take (the table lives in @atlas/onnx).
export { DEVICE_PROVIDERS } from '@atlas/onnx';
export type { Device } from '@atlas/onnx';

export { getArchitecture, isArchitecture, ARCHITECTURE_NAMES } from './architectures/registry.ts';
// The name the CLI validates `--architecture` with: the registry's names.
export { ARCHITECTURE_NAMES as SUPPORTED_ARCHITECTURES } from './architectures/registry.ts';
export type { Architecture } from './architectures/registry.ts';
export type { SaeArchitecture } from './architectures/architecture.ts';
export { DEFAULT_MAX_ACTIVE } from './architectures/code-cap.ts';

export { trainSae } from './training/train.ts';
export type { TrainMetrics } from './training/train.ts';
export type { TrainSaeOptions, TrainProgress, CheckpointEvent } from './training/train-options.ts';
export type { ArchitectureOptions } from './architectures/architecture-options.ts';
export { NORMALIZE_MODES } from './normalise.ts';
export type { NormalizeActivations } from './normalise.ts';
export { CHECKPOINT_FILE } from './training/checkpoint.ts';
export { DEFAULT_SHUFFLE_BUFFER_ROWS } from './training/shuffle-buffer.ts';
export { DEFAULT_AUX_K_COEFFICIENT } from './training/aux-k.ts';
export { defaultLearningRate } from './training/schedule.ts';
export { DEFAULT_GBA, GBA_BIAS_STARTS, gbaBiasUpdate, gbaGroups } from './training/group-bias-adaptation.ts';
export type { GbaBiasStart, GbaSettings } from './training/group-bias-adaptation.ts';

export { createTopKEncoder, createEncoder } from './encoding/encoder.ts';
export type { TopKEncoder, TopKEncoderOptions, SaeEncoder, SaeEncoderOptions } from './encoding/encoder.ts';
export { reconstruct } from './reconstruct.ts';

export { evaluateSae, evaluateSource, DENSE_DENSITY } from './evaluation/evaluate.ts';
export type { Evaluation, EvaluateOptions, EvaluationStage } from './evaluation/evaluate.ts';
export { decoderCoherence, maxUniqueSupport, uniqueSupportShare } from './evaluation/atoms-metrics.ts';
export type { AtomsMetrics } from './evaluation/atoms-metrics.ts';

export { saveSaeLens, loadSae, CFG_FILE, WEIGHTS_FILE, METRICS_FILE } from './formats/saelens.ts';
export { SPARSIFY_WEIGHTS_FILE } from './formats/sparsify.ts';
export { toSaeLensConfig, fromSaeLensConfig } from './formats/saelens-config.ts';
