// @atlas/activations: the activation file format (model → activations → SAE). The streaming
// writer `atlas extract` uses, the readers of safetensors / .npy shards, and the ActivationSource
// interface that training, evaluation and the feature statistics read rows through.
export { ActivationFileError } from './activation-file-error.ts';
export type { ActivationSource } from './activation-source.ts';
export { inMemorySource } from './activation-source.ts';
export { openActivationSource, ACTIVATION_FILE_EXTENSIONS } from './open-activation-source.ts';
export type { FileActivationSource } from './open-activation-source.ts';
export { ACTIVATIONS_TENSOR, TOKEN_IDS_TENSOR, activationFileMetadata } from './activation-file-format.ts';
export type { ActivationFileProvenance, ContextRef, ExtractedActivations } from './activation-file-format.ts';
export { createActivationFileWriter } from './activation-file-writer.ts';
export type { ActivationFileLayout, ActivationFileWriter } from './activation-file-writer.ts';
export { readActivationFile } from './read-activation-file.ts';
